using Conversations.Activities;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.Customers;
using Conversations.GrainTests.Foundation;
using Conversations.Inbound;
using Conversations.Reporting;
using Conversations.Testing;

namespace Conversations.GrainTests.Conversations;

[Collection(ClusterCollection.Name)]
public sealed class ControllerBotTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task Conversation_Started_BotGreetsThroughTheConnectorWebhook()
    {
        await using var controller = await _given.UseControllerAsync(new ControllerSettings { GreetingText = "Hi, this is Ava." });
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();

        var accepted = await _given.PostAsync(channel, phone);

        var greeting = Assert.Single(await _given.ActivitiesAsync(accepted.ConversationId), a => a.Kind == ActivityKind.BotMessage);
        Assert.Equal("Hi, this is Ava.", greeting.Text);
        Assert.True(greeting.Sequence > accepted.Sequence);
        var (connector, sent) = Assert.Single(fixture.Delivered.To(accepted.ConversationId));
        Assert.Equal(Builders.WebhookOf("WHATSAPP"), connector.WebhookUrl);
        Assert.Equal((accepted.ChannelSessionId, phone, "Hi, this is Ava.", "BOT", greeting.Sequence),
            (sent.ChannelSessionId, sent.CustomerChannelIdentifier, sent.Text, sent.From, sent.Sequence));
    }

    [Fact]
    public async Task Conversation_NoGreetingConfigured_BotStaysSilent()
    {
        await using var controller = await _given.UseControllerAsync(new ControllerSettings { GreetingText = null });
        var channel = await _given.ChannelAsync();

        var accepted = await _given.PostAsync(channel, Builders.NewPhone());

        Assert.DoesNotContain(await _given.ActivitiesAsync(accepted.ConversationId), a => a.Kind == ActivityKind.BotMessage);
        Assert.Empty(fixture.Delivered.To(accepted.ConversationId));
    }

    [Fact]
    public async Task Conversation_LastSessionClosesWithoutAgent_GoesThroughCustomerLeftAndClosingToClosed()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone);

        var handled = await _given.CustomerLeftAsync(channel, phone);

        Assert.Equal((accepted.ConversationId, accepted.ChannelSessionId, true), (handled.ConversationId, handled.ChannelSessionId, handled.Closed));
        var conversation = await _given.ConversationAsync(accepted.ConversationId);
        Assert.Equal(
            [ConversationStatus.Created, ConversationStatus.CustomerLeft, ConversationStatus.Closing, ConversationStatus.Closed],
            conversation.StateHistory.Select(h => h.State));
        Assert.Equal(SessionCloseReason.CustomerLeft, Assert.Single(conversation.ChannelSessions).CloseReason);
        Assert.NotNull(Assert.Single(conversation.Participants, p => p.Role == ParticipantRole.Bot).LeftAt);

        var archive = Reporting().Find(accepted.ConversationId);
        Assert.NotNull(archive);
        Assert.Contains(archive.Activities, a => a.Sequence == accepted.Sequence);

        await Eventually.MatchesAsync(
            () => fixture.Grains.GetGrain<ICustomerGrain>(accepted.CustomerId).GetAsync(), c => c!.ActiveConversationId is null, "the customer to have no active conversation");
    }

    [Fact]
    public async Task Conversation_AfterClosed_NextMessageStartsANewConversation()
    {
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var first = await _given.PostAsync(channel, phone);
        await _given.CustomerLeftAsync(channel, phone);

        var next = await _given.PostAsync(channel, phone, "I'm back");

        Assert.Equal(first.CustomerId, next.CustomerId);
        Assert.NotEqual(first.ConversationId, next.ConversationId);
        Assert.Equal(ConversationStatus.Created, (await _given.ConversationAsync(next.ConversationId)).State);
        Assert.Equal(ConversationStatus.Closed, (await _given.ConversationAsync(first.ConversationId)).State);
    }

    [Fact]
    public async Task CustomerLeft_ControllerConfiguredToKeepSessions_LeavesConversationOpen()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default with { CloseSessionOnCustomerLeft = false });
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone);

        var handled = await _given.CustomerLeftAsync(channel, phone);

        Assert.False(handled.Closed);
        var conversation = await _given.ConversationAsync(accepted.ConversationId);
        Assert.Equal(ConversationStatus.Created, conversation.State);
        Assert.Equal(ChannelSessionStatus.Open, Assert.Single(conversation.ChannelSessions).Status);
    }

    [Fact]
    public async Task CustomerLeft_WithoutConversation_ChangesNothing()
    {
        var channel = await _given.ChannelAsync();

        var handled = await _given.CustomerLeftAsync(channel, Builders.NewPhone());

        Assert.Equal(new ConnectorEventHandled(null, null, Closed: false), handled);
    }

    [Fact]
    public async Task HouseKeeping_InterruptedThenRetried_ClosesWithOneCompleteArchive()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone);
        var reporting = fixture.SiloService<InterruptibleReportingStore>();
        reporting.FailNextArchiveOfCustomer(accepted.CustomerId);

        var handled = await _given.CustomerLeftAsync(channel, phone);

        Assert.True(handled.Closed);
        Assert.Null(Reporting().Find(accepted.ConversationId));
        await fixture.DeactivateAllGrainsAsync();
        await Eventually.MatchesAsync(
            () => _given.ConversationAsync(accepted.ConversationId), c => c.State == ConversationStatus.Closed, "the reactivated conversation to close");

        Assert.Equal(2, reporting.ArchiveCalls(accepted.ConversationId));
        var archive = Reporting().Find(accepted.ConversationId)!;
        Assert.Equal(ConversationStatus.Closed, archive.Conversation.State);
        var logged = await _given.ActivitiesAsync(accepted.ConversationId);
        Assert.Equal(logged.Select(a => a.Sequence), archive.Activities.Select(a => a.Sequence));
        Assert.Single(logged, a => a.Kind == ActivityKind.StateChanged && a.Data!["state"] == nameof(ConversationStatus.Closed));
        Assert.Single(logged, a => a.Kind == ActivityKind.ParticipantLeft && a.From == ParticipantRole.Bot);
    }

    private InMemoryReportingStore Reporting() => fixture.SiloService<InMemoryReportingStore>();
}
