using Conversations.Activities;

namespace Conversations.UnitTests.Activities;

public sealed class DeliveryProgressTests
{
    [Theory]
    [InlineData(null, DeliveryOutcome.Sent, true)]
    [InlineData(null, DeliveryOutcome.Failed, true)]
    [InlineData(null, DeliveryOutcome.Read, true)]
    [InlineData(DeliveryOutcome.Sent, DeliveryOutcome.Delivered, true)]
    [InlineData(DeliveryOutcome.Sent, DeliveryOutcome.Read, true)]
    [InlineData(DeliveryOutcome.Delivered, DeliveryOutcome.Read, true)]
    [InlineData(DeliveryOutcome.Sent, DeliveryOutcome.Failed, true)]
    [InlineData(DeliveryOutcome.Sent, DeliveryOutcome.Sent, false)]
    [InlineData(DeliveryOutcome.Delivered, DeliveryOutcome.Sent, false)]
    [InlineData(DeliveryOutcome.Read, DeliveryOutcome.Delivered, false)]
    [InlineData(DeliveryOutcome.Delivered, DeliveryOutcome.Failed, false)]
    [InlineData(DeliveryOutcome.Read, DeliveryOutcome.Failed, false)]
    [InlineData(DeliveryOutcome.Failed, DeliveryOutcome.Delivered, false)]
    [InlineData(DeliveryOutcome.Failed, DeliveryOutcome.Failed, false)]
    public void Advances_OnlyForwardAndFailureOnlyBeforeArrival(DeliveryOutcome? current, DeliveryOutcome next, bool advances) =>
        Assert.Equal(advances, DeliveryProgress.Advances(current, next));
}
