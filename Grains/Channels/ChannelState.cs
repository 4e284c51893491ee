namespace Conversations.Channels;

[GenerateSerializer]
public sealed class ChannelState
{
    [Id(0)]
    public ResolvedChannel? Channel { get; set; }
}
