using Conversations.Storage;

namespace Conversations.Conversations;

/// <summary>Keeps the <see cref="LiveConversationBook"/> and stores it when a report changed it.</summary>
public sealed class LiveConversationsGrain(
    [PersistentState(StateNames.LiveConversations, StorageNames.GrainState)] IPersistentState<LiveConversationsState> book)
    : Grain, ILiveConversationsGrain
{
    async Task ILiveConversationsGrain.RecordAsync(LiveConversation report)
    {
        if (Book.Record(report))
        {
            await book.WriteStateAsync();
        }
    }

    Task<IReadOnlyList<LiveConversation>> ILiveConversationsGrain.ListAsync() => Task.FromResult(Book.Live);

    private LiveConversationBook Book => new(book.State.Live, book.State.Ended);
}
