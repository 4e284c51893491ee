using Conversations.Activities;
using Conversations.Inbound;

namespace Conversations.UnitTests.Activities;

public sealed class InMemoryActivityLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly InMemoryActivityLog _log = new();

    [Fact]
    public async Task ClaimLostDeliveries_OutboundWithoutOutcome_ClaimedOnceUntilTheClaimExpires()
    {
        await _log.AppendAsync([Message(1, ActivityKind.CustomerMessage), Message(2, ActivityKind.BotMessage), Message(3, ActivityKind.AgentMessage)]);
        await _log.RecordDeliveryAsync("conv-1", 2, DeliveryOutcome.Delivered);
        var lostAfter = TimeSpan.FromMinutes(5);

        Assert.Empty(await Claim(T0.AddMinutes(4)));
        Assert.Equal([3L], (await Claim(T0.AddMinutes(6))).Select(a => a.Sequence));
        Assert.Empty(await Claim(T0.AddMinutes(7)));
        Assert.Equal([3L], (await Claim(T0.AddMinutes(12))).Select(a => a.Sequence));

        await _log.RecordDeliveryAsync("conv-1", 3, DeliveryOutcome.Failed);
        Assert.Empty(await Claim(T0.AddMinutes(30)));
        Assert.Equal([null, DeliveryOutcome.Delivered, DeliveryOutcome.Failed], (await _log.ReadAsync("conv-1", 0, 10)).Items.Select(a => a.Delivery));

        Task<IReadOnlyList<Activity>> Claim(DateTimeOffset now) => _log.ClaimLostDeliveriesAsync(now, lostAfter, TimeSpan.FromDays(1), 10);
    }

    [Fact]
    public async Task ClaimLostDeliveries_OlderThanTheMaximumAge_NeverClaimed()
    {
        await _log.AppendAsync([Message(1, ActivityKind.BotMessage)]);

        Assert.Empty(await _log.ClaimLostDeliveriesAsync(T0.AddDays(2), TimeSpan.FromMinutes(5), TimeSpan.FromDays(1), 10));
    }

    [Fact]
    public async Task RecordDelivery_ProviderReports_OnlyMoveForward()
    {
        await _log.AppendAsync([Message(1, ActivityKind.BotMessage), Message(2, ActivityKind.AgentMessage)]);

        await _log.RecordDeliveryAsync("conv-1", 1, DeliveryOutcome.Read);
        await _log.RecordDeliveryAsync("conv-1", 1, DeliveryOutcome.Sent);
        await _log.RecordDeliveryAsync("conv-1", 2, DeliveryOutcome.Sent);
        await _log.RecordDeliveryAsync("conv-1", 2, DeliveryOutcome.Failed, "undelivered");
        await _log.RecordDeliveryAsync("conv-1", 2, DeliveryOutcome.Delivered);

        Assert.Equal(
            new (DeliveryOutcome?, string?)[] { (DeliveryOutcome.Read, null), (DeliveryOutcome.Failed, "undelivered") },
            (await _log.ReadAsync("conv-1", 0, 10)).Items.Select(a => (a.Delivery, a.DeliveryFailure)));
    }

    [Fact]
    public async Task ListFailedDeliveries_FailedWithReasons_LatestFirstUntilReopened()
    {
        await _log.AppendAsync([Message(1, ActivityKind.BotMessage), Message(2, ActivityKind.AgentMessage), Message(3, ActivityKind.BotMessage)]);
        await _log.RecordDeliveryAsync("conv-1", 1, DeliveryOutcome.Failed, "HTTP 404 Not Found");
        await _log.RecordDeliveryAsync("conv-1", 2, DeliveryOutcome.Delivered);
        await _log.RecordDeliveryAsync("conv-1", 3, DeliveryOutcome.Failed, "retry window closed");

        Assert.Equal([(3L, "retry window closed"), (1L, "HTTP 404 Not Found")], (await _log.ListFailedDeliveriesAsync(10)).Select(a => (a.Sequence, a.DeliveryFailure)));
        var reopened = await _log.ReopenFailedDeliveryAsync("conv-1", 3, T0.AddMinutes(30));

        Assert.Equal((3L, null, null), (reopened!.Sequence, reopened.Delivery, reopened.DeliveryFailure));
        Assert.Null(await _log.ReopenFailedDeliveryAsync("conv-1", 3, T0.AddMinutes(30)));
        Assert.Null(await _log.ReopenFailedDeliveryAsync("conv-1", 2, T0.AddMinutes(30)));
        Assert.Equal([1L], (await _log.ListFailedDeliveriesAsync(10)).Select(a => a.Sequence));
        Assert.Empty(await _log.ClaimLostDeliveriesAsync(T0.AddMinutes(34), TimeSpan.FromMinutes(5), TimeSpan.FromDays(1), 10));
        Assert.Equal([3L], (await _log.ClaimLostDeliveriesAsync(T0.AddMinutes(36), TimeSpan.FromMinutes(5), TimeSpan.FromDays(1), 10)).Select(a => a.Sequence));
    }

    [Fact]
    public async Task RenewDeliveryClaims_MessagesStillDelivering_NotClaimedAsLostUntilTheRenewalExpires()
    {
        await _log.AppendAsync([Message(1, ActivityKind.BotMessage), Message(2, ActivityKind.AgentMessage)]);

        await _log.RenewDeliveryClaimsAsync([new DeliveryKey("conv-1", 1)], T0.AddMinutes(10));

        Assert.Equal([2L], (await Claim(T0.AddMinutes(12))).Select(a => a.Sequence));
        Assert.Equal([1L], (await Claim(T0.AddMinutes(16))).Select(a => a.Sequence));

        Task<IReadOnlyList<Activity>> Claim(DateTimeOffset now) => _log.ClaimLostDeliveriesAsync(now, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1), 10);
    }

    [Fact]
    public async Task Append_SameSenderAndConnectorMessageTwice_StoredOnce()
    {
        await _log.AppendAsync([CustomerMessage(1, "+491701234567", "m1")]);
        await _log.AppendAsync([CustomerMessage(2, "+491701234567", "m1")]);

        Assert.Equal([1L], (await _log.ReadAsync("conv-1", 0, 10)).Items.Select(a => a.Sequence));
        Assert.Equal(1, (await FindAsync(new ConnectorMessageKey("svc", "+491701234567", "m1")))!.Sequence);
    }

    [Fact]
    public async Task ReadCustomerMessagesSince_OnlyThatCustomersKeyedMessagesFromThatMoment()
    {
        await _log.AppendAsync([CustomerMessage(1, "+491701234567", "m1"), CustomerMessage(2, "+491701234567", "m2"), Message(3, ActivityKind.BotMessage)]);
        await _log.AppendAsync([CustomerMessage(4, "+491709999999", "m3") with { CustomerId = "cust-2" }]);

        var since = await _log.ReadCustomerMessagesSinceAsync(["cust-1"], T0.AddSeconds(2), limit: 10);

        Assert.Equal([2L], since.Select(a => a.Sequence));
    }

    [Fact]
    public async Task ReadCustomerMessagesSince_MoreThanTheLimit_TheLatest()
    {
        await _log.AppendAsync([CustomerMessage(1, "+491701234567", "m1"), CustomerMessage(2, "+491701234567", "m2"), CustomerMessage(3, "+491701234567", "m3")]);

        var latest = await _log.ReadCustomerMessagesSinceAsync(["cust-1"], T0, limit: 2);

        Assert.Equal([2L, 3L], latest.Select(a => a.Sequence).Order());
    }

    [Fact]
    public async Task Append_SameConnectorMessageFromAnotherSender_StoredAsAnotherMessage()
    {
        await _log.AppendAsync([CustomerMessage(1, "+491701234567", "m1")]);
        await _log.AppendAsync([CustomerMessage(2, "+491709999999", "m1")]);

        Assert.Equal([1L, 2L], (await _log.ReadAsync("conv-1", 0, 10)).Items.Select(a => a.Sequence));
        Assert.Equal(2, (await FindAsync(new ConnectorMessageKey("svc", "+491709999999", "m1")))!.Sequence);
        Assert.Null(await FindAsync(new ConnectorMessageKey("svc", "+491700000000", "m1")));
    }

    private static Activity Message(long sequence, ActivityKind kind) =>
        new("conv-1", sequence, kind, ParticipantRole.Bot, null, "cust-1", "cs-1", $"text {sequence}", T0.AddSeconds(sequence));

    private static Activity CustomerMessage(long sequence, string sender, string connectorMessageId) =>
        Message(sequence, ActivityKind.CustomerMessage) with { ServiceIdentifier = "svc", Sender = sender, ConnectorMessageId = connectorMessageId };

    private async Task<Activity?> FindAsync(ConnectorMessageKey key) =>
        (await _log.ReadCustomerMessagesSinceAsync(["cust-1"], DateTimeOffset.MinValue, limit: 100))
            .SingleOrDefault(a => new ConnectorMessageKey(a.ServiceIdentifier!, a.Sender!, a.ConnectorMessageId!) == key);
}
