using Conversations.Activities;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.Customers;
using Conversations.GrainTests.Foundation;
using Conversations.Testing;

namespace Conversations.GrainTests.Conversations;

[Collection(ClusterCollection.Name)]
public sealed class InboundMessageTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task Post_FirstMessage_CreatesSessionCustomerAndConversationWithBot()
    {
        var channel = await _given.ChannelAsync(inactivityTimeoutSeconds: 300);
        var phone = Builders.NewPhone();
        var data = new Dictionary<string, string> { ["browser"] = "Firefox", ["locale"] = "de-DE" };

        var accepted = await _given.PostAsync(channel, phone, "I need help", channelData: data);

        var conversation = await _given.ConversationAsync(accepted.ConversationId);
        Assert.Equal(ConversationStatus.Created, conversation.State);
        Assert.Equal(accepted.CustomerId, conversation.CustomerId);
        var session = Assert.Single(conversation.ChannelSessions);
        Assert.Equal(accepted.ChannelSessionId, session.Id);
        Assert.Equal(ChannelSessionStatus.Open, session.Status);
        Assert.Equal(data, session.ChannelData);
        Assert.Equal(session.OpenedAt + TimeSpan.FromSeconds(300), session.ExpiresAt);
        Assert.Contains(conversation.Participants, p => p.Role == ParticipantRole.Bot && p.LeftAt is null);

        var customer = await fixture.Grains.GetGrain<ICustomerGrain>(accepted.CustomerId).GetAsync();
        Assert.Equal(accepted.ConversationId, customer!.ActiveConversationId);
        Assert.Contains(customer.Identities, i => i.Value == phone);

        var message = Assert.Single(await _given.ActivitiesAsync(accepted.ConversationId), a => a.Kind == ActivityKind.CustomerMessage);
        Assert.Equal(("I need help", accepted.Sequence, accepted.ChannelSessionId), (message.Text, message.Sequence, message.ChannelSessionId));
    }

    [Fact]
    public async Task Post_SameConnectorMessageIdTwice_AppendsOnceAndAnswersTheSameIds()
    {
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var first = await _given.PostAsync(channel, phone, "once", messageId: "wamid.same");
        var logged = await _given.ActivitiesAsync(first.ConversationId);

        var again = await _given.PostAsync(channel, phone, "once", messageId: "wamid.same");

        Assert.True(again.Duplicate);
        Assert.Equal(first with { Duplicate = true }, again);
        Assert.Equal(Summary(logged), Summary(await _given.ActivitiesAsync(first.ConversationId)));
    }

    [Fact]
    public async Task Post_SameConnectorMessageIdAfterTheCustomerWasDeactivated_IsStillRecognisedFromTheLog()
    {
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var first = await _given.PostAsync(channel, phone, "once", messageId: "wamid.before-restart");
        var second = await _given.PostAsync(channel, phone, "twice", messageId: "wamid.second");
        await fixture.DeactivateAllGrainsAsync();

        var again = await _given.PostAsync(channel, phone, "once", messageId: "wamid.before-restart");
        var next = await _given.PostAsync(channel, phone, "thrice", messageId: "wamid.third");

        Assert.Equal(first with { Duplicate = true }, again);
        Assert.Equal((false, second.Sequence + 1), (next.Duplicate, next.Sequence));
        Assert.Equal(["once", "twice", "thrice"], (await _given.ActivitiesAsync(first.ConversationId)).Where(a => a.Kind == ActivityKind.CustomerMessage).Select(a => a.Text));
    }

    [Fact]
    public async Task Post_SameConnectorMessageIdFromTwoSendersAtOnce_EachIsItsOwnMessage()
    {
        var channel = await _given.ChannelAsync();
        var messageId = Builders.NewMessageId();

        var answers = await Task.WhenAll(
            _given.PostAsync(channel, Builders.NewPhone(), "from Jane", messageId: messageId),
            _given.PostAsync(channel, Builders.NewPhone(), "from John", messageId: messageId));

        Assert.All(answers, a => Assert.False(a.Duplicate));
        Assert.NotEqual(answers[0].CustomerId, answers[1].CustomerId);
        var texts = new List<string?>();
        foreach (var answer in answers)
        {
            texts.Add(Assert.Single(await _given.ActivitiesAsync(answer.ConversationId), a => a.Kind == ActivityKind.CustomerMessage).Text);
        }

        Assert.Equal(["from Jane", "from John"], texts);
    }

    [Fact]
    public async Task Post_SecondMessage_ReusesTheOpenSessionAndConversation()
    {
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var first = await _given.PostAsync(channel, phone, "one");

        var second = await _given.PostAsync(channel, phone, "two");

        Assert.Equal((first.ConversationId, first.ChannelSessionId, first.CustomerId), (second.ConversationId, second.ChannelSessionId, second.CustomerId));
        Assert.True(second.Sequence > first.Sequence);
        var texts = (await _given.ActivitiesAsync(first.ConversationId)).Where(a => a.Kind == ActivityKind.CustomerMessage).Select(a => a.Text);
        Assert.Equal(["one", "two"], texts);
    }

    [Fact]
    public async Task Post_SamePhoneOnTwoChannelsOfOneType_IsOneCustomer()
    {
        var support = await _given.ChannelAsync();
        var sales = await _given.ChannelAsync();
        var phone = Builders.NewPhone();

        var viaSupport = await _given.PostAsync(support, phone);
        var viaSales = await _given.PostAsync(sales, "whatsapp:" + phone);

        Assert.Equal(viaSupport.CustomerId, viaSales.CustomerId);
        Assert.Equal(viaSupport.ConversationId, viaSales.ConversationId);
    }

    [Fact]
    public async Task Post_UnknownServiceIdentifier_IsNotFoundAndCreatesNothing()
    {
        var phone = Builders.NewPhone();

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Grains.GetGrain<Inbound.IInboundGrain>(0).ReceiveMessageAsync(
                "conn-whatsapp",
                new Inbound.InboundMessage("svc-unknown", phone, Builders.NewMessageId(), "hi", new Dictionary<string, string>())));

        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.Null(await fixture.Grains.GetGrain<ICustomerDirectoryGrain>(0).FindAsync(global::Conversations.Channels.IdentityKind.Phone, phone));
    }

    [Fact]
    public async Task Post_ByAnotherChannelsConnector_IsForbiddenAndCreatesNothing()
    {
        var channel = await _given.ChannelAsync();
        var stranger = await _given.ConnectorAsync();
        var phone = Builders.NewPhone();

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Grains.GetGrain<Inbound.IInboundGrain>(0).ReceiveMessageAsync(
                stranger.Connector.Id,
                new Inbound.InboundMessage(channel.ServiceIdentifier, phone, Builders.NewMessageId(), "hi", new Dictionary<string, string>())));

        Assert.Equal(DomainErrorKind.Forbidden, error.Kind);
        Assert.Null(await fixture.Grains.GetGrain<ICustomerDirectoryGrain>(0).FindAsync(global::Conversations.Channels.IdentityKind.Phone, phone));
    }

    [Fact]
    public async Task Post_SessionClosedWithoutTheConversationKnowing_OpensANewSession()
    {
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var first = await _given.PostAsync(channel, phone);
        await fixture.Grains.GetGrain<IChannelSessionGrain>(first.ChannelSessionId).CloseAsync(SessionCloseReason.Inactivity);

        var next = await _given.PostAsync(channel, phone, "still there?");

        Assert.Equal(first.ConversationId, next.ConversationId);
        Assert.NotEqual(first.ChannelSessionId, next.ChannelSessionId);
        var sessions = (await _given.ConversationAsync(first.ConversationId)).ChannelSessions;
        Assert.Equal(ChannelSessionStatus.Open, sessions.Single(s => s.Id == next.ChannelSessionId).Status);
    }

    [Fact]
    public async Task Conversation_ReactivatedAfterItsOnlySessionClosedBehindItsBack_CatchesUpAndCloses()
    {
        var channel = await _given.ChannelAsync();
        var accepted = await _given.PostAsync(channel, Builders.NewPhone());
        await fixture.Grains.GetGrain<IChannelSessionGrain>(accepted.ChannelSessionId).CloseAsync(SessionCloseReason.Inactivity);

        await fixture.DeactivateAllGrainsAsync();
        await Eventually.MatchesAsync(
            () => _given.ConversationAsync(accepted.ConversationId), c => c.State == ConversationStatus.Closed, "the reactivated conversation to close");

        Assert.Single(await _given.ActivitiesAsync(accepted.ConversationId), a => a.Kind == ActivityKind.SessionClosed);
    }

    private static IEnumerable<(long, ActivityKind, string?)> Summary(IEnumerable<Activity> activities) =>
        activities.Select(a => (a.Sequence, a.Kind, a.Text)).ToList();
}
