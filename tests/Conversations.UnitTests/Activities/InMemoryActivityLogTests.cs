using Conversations.Activities;

namespace Conversations.UnitTests.Activities;

public sealed class InMemoryActivityLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly InMemoryActivityLog _log = new();

    [Fact]
    public async Task FindUndelivered_OutboundMessagesWithoutOutcome_FoundUntilOneIsRecorded()
    {
        await _log.AppendAsync([Message(1, ActivityKind.CustomerMessage), Message(2, ActivityKind.BotMessage), Message(3, ActivityKind.AgentMessage)]);
        await _log.RecordDeliveryAsync("conv-1", 2, DeliveryOutcome.Delivered);

        Assert.Equal([3L], (await _log.FindUndeliveredAsync(T0.AddSeconds(10), 10)).Select(a => a.Sequence));
        Assert.Empty(await _log.FindUndeliveredAsync(T0.AddSeconds(3), 10));

        await _log.RecordDeliveryAsync("conv-1", 3, DeliveryOutcome.Failed);
        Assert.Empty(await _log.FindUndeliveredAsync(T0.AddSeconds(10), 10));
        Assert.Equal([null, DeliveryOutcome.Delivered, DeliveryOutcome.Failed], (await _log.ReadAsync("conv-1", 0, 10)).Items.Select(a => a.Delivery));
    }

    [Fact]
    public async Task Append_SameConnectorMessageTwice_StoredOnce()
    {
        await _log.AppendAsync([Message(1, ActivityKind.CustomerMessage) with { ServiceIdentifier = "svc", ConnectorMessageId = "m1" }]);
        await _log.AppendAsync([Message(2, ActivityKind.CustomerMessage) with { ServiceIdentifier = "svc", ConnectorMessageId = "m1" }]);

        Assert.Equal([1L], (await _log.ReadAsync("conv-1", 0, 10)).Items.Select(a => a.Sequence));
        Assert.Equal(1, (await _log.FindByConnectorMessageAsync("svc", "m1"))!.Sequence);
    }

    private static Activity Message(long sequence, ActivityKind kind) =>
        new("conv-1", sequence, kind, ParticipantRole.Bot, null, "cust-1", "cs-1", $"text {sequence}", T0.AddSeconds(sequence));
}
