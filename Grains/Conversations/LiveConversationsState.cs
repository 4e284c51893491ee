namespace Conversations.Conversations;

[GenerateSerializer]
public sealed class LiveConversationsState
{
    [Id(0)]
    public Dictionary<string, LiveConversation> Live { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The conversations that reported Closed lately, and when: a late report of one is ignored.</summary>
    [Id(1)]
    public Dictionary<string, DateTimeOffset> Ended { get; set; } = new(StringComparer.Ordinal);
}
