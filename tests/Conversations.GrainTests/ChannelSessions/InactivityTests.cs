using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.GrainTests.Foundation;
using Conversations.Testing;

namespace Conversations.GrainTests.ChannelSessions;

[Collection(ClusterCollection.Name)]
public sealed class InactivityTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task Session_NoCustomerMessageForTheTimeout_ClosesAndConversationCloses()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var channel = await _given.ChannelAsync(inactivityTimeoutSeconds: 120);
        var accepted = await _given.PostAsync(channel, Builders.NewPhone());

        fixture.Clock.Advance(TimeSpan.FromSeconds(121));

        var conversation = await ClosedAsync(accepted.ConversationId);
        Assert.Equal(SessionCloseReason.Inactivity, Assert.Single(conversation.ChannelSessions).CloseReason);
    }

    [Fact]
    public async Task Session_BeforeTheTimeout_StaysOpen()
    {
        var channel = await _given.ChannelAsync(inactivityTimeoutSeconds: 120);
        var accepted = await _given.PostAsync(channel, Builders.NewPhone());

        fixture.Clock.Advance(TimeSpan.FromSeconds(119));

        await StaysOpenAsync(accepted.ChannelSessionId);
    }

    [Fact]
    public async Task Session_CustomerWritesAgain_DeadlineMovesFromTheLastMessage()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var channel = await _given.ChannelAsync(inactivityTimeoutSeconds: 120);
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone);
        fixture.Clock.Advance(TimeSpan.FromSeconds(90));
        await _given.PostAsync(channel, phone, "still here");

        fixture.Clock.Advance(TimeSpan.FromSeconds(90));

        await StaysOpenAsync(accepted.ChannelSessionId);

        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        await ClosedAsync(accepted.ConversationId);
    }

    [Fact]
    public async Task Session_ExpiresAfterReactivation_DeadlineKeptInStateAndLog()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default);
        var channel = await _given.ChannelAsync(inactivityTimeoutSeconds: 120);
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone);
        fixture.Clock.Advance(TimeSpan.FromSeconds(60));
        await _given.PostAsync(channel, phone, "moves the deadline");
        await fixture.DeactivateAllGrainsAsync();

        fixture.Clock.Advance(TimeSpan.FromSeconds(100));
        await StaysOpenAsync(accepted.ChannelSessionId);

        fixture.Clock.Advance(TimeSpan.FromSeconds(21));
        await ClosedAsync(accepted.ConversationId);
    }

    [Fact]
    public async Task Session_ControllerConfiguredNotToCloseOnInactivity_StaysOpen()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default with { CloseSessionOnInactivity = false });
        var channel = await _given.ChannelAsync(inactivityTimeoutSeconds: 60);
        var accepted = await _given.PostAsync(channel, Builders.NewPhone());

        fixture.Clock.Advance(TimeSpan.FromSeconds(61));

        var conversation = await Eventually.HoldsAsync(
            () => _given.ConversationAsync(accepted.ConversationId), c => c.State == ConversationStatus.Created, "the conversation to stay created");
        Assert.Equal(ChannelSessionStatus.Open, Assert.Single(conversation.ChannelSessions).Status);
    }

    [Fact]
    public async Task Session_ClosingTextConfigured_BotSaysGoodbyeBeforeClosing()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default with { InactivityClosingText = "Closing this chat, write again anytime." });
        var channel = await _given.ChannelAsync(inactivityTimeoutSeconds: 60);
        var accepted = await _given.PostAsync(channel, Builders.NewPhone());

        fixture.Clock.Advance(TimeSpan.FromSeconds(61));

        await ClosedAsync(accepted.ConversationId);
        Assert.Contains(fixture.Delivered.To(accepted.ConversationId), d => d.Message.Text == "Closing this chat, write again anytime.");
    }

    /// <summary>
    /// The session's timer runs on its own after the clock moves, so a single read right after the move would
    /// pass even if the timer were about to close the session too early.
    /// </summary>
    private Task StaysOpenAsync(string channelSessionId) =>
        Eventually.HoldsAsync(
            () => fixture.Grains.GetGrain<IChannelSessionGrain>(channelSessionId).GetAsync(), s => s!.Status == ChannelSessionStatus.Open, "the session to stay open");

    private Task<ConversationView> ClosedAsync(string conversationId) =>
        Eventually.MatchesAsync(() => _given.ConversationAsync(conversationId), c => c.State == ConversationStatus.Closed, "the conversation to close");
}
