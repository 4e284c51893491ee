namespace Conversations.Channels;

/// <summary>A channel together with what it references, as the inbound path needs it.</summary>
[GenerateSerializer, Immutable]
public sealed record ResolvedChannel(
    [property: Id(0)] Channel Channel,
    [property: Id(1)] ChannelConnector Connector,
    [property: Id(2)] ChannelType Type);
