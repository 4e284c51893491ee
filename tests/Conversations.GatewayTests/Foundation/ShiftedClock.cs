namespace Conversations.GatewayTests.Foundation;

/// <summary>The real clock moved by an offset a test sets, so the gateway can be sent into the future without sleeping.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
