namespace Conversations.Conversations;

/// <summary>
/// One book of the conversations not yet closed, for supervisors (key 0 to <see cref="LiveConversationBook.Shards"/> - 1,
/// see <see cref="LiveConversationBooks"/>): each conversation reports itself to its book after a change of state,
/// channel or agents, and once more when it has closed.
/// </summary>
public interface ILiveConversationsGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task RecordAsync(LiveConversation report);

    /// <summary>The book's live conversations, the oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<LiveConversation>> ListAsync();
}

/// <summary>Finds a conversation's book, and reads all of them.</summary>
public static class LiveConversationBooks
{
    public static ILiveConversationsGrain Of(IGrainFactory grains, string conversationId) =>
        grains.GetGrain<ILiveConversationsGrain>(LiveConversationBook.ShardOf(conversationId));

    /// <summary>Every live conversation, the oldest first: the books are read at once and merged.</summary>
    public static async Task<IReadOnlyList<LiveConversation>> ListAllAsync(IGrainFactory grains)
    {
        var books = await Task.WhenAll(Enumerable.Range(0, LiveConversationBook.Shards).Select(i => grains.GetGrain<ILiveConversationsGrain>(i).ListAsync()));
        return [.. books.SelectMany(b => b).OrderBy(c => c.CreatedAt).ThenBy(c => c.ConversationId, StringComparer.Ordinal)];
    }
}
