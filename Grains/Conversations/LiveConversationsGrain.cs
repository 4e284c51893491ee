using Conversations.Storage;

namespace Conversations.Conversations;

/// <summary>
/// Keeps one <see cref="LiveConversationBook"/>. Reports change it in memory and supervisors read it there; it is
/// stored at most every <see cref="LiveConversationBook.StoreInterval"/> (2 s for a book of up to 200 conversations,
/// longer for bigger ones) and when the grain stops, so a busy book costs a write every few seconds rather than one per
/// conversation change; a conversation's closing is stored at once. A crash loses at most that interval of other
/// reports, and each conversation reports itself again when it next activates.
/// </summary>
public sealed class LiveConversationsGrain(
    [PersistentState(StateNames.LiveConversations, StorageNames.GrainState)] IPersistentState<LiveConversationsState> book,
    TimeProvider time)
    : Grain, ILiveConversationsGrain
{
    private bool _unstored;
    private DateTimeOffset _storedAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _storedAt = time.GetUtcNow();
        this.RegisterGrainTimer(StoreWhenDueAsync, LiveConversationBook.StoreEvery, LiveConversationBook.StoreEvery);
        return base.OnActivateAsync(cancellationToken);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => StoreChangesAsync();

    Task ILiveConversationsGrain.RecordAsync(LiveConversation report)
    {
        _unstored |= Book.Record(report);
        // A closed conversation never reports again, so its removal is stored at once rather than risked in a crash.
        return report.State == ConversationStatus.Closed ? StoreChangesAsync() : Task.CompletedTask;
    }

    Task<IReadOnlyList<LiveConversation>> ILiveConversationsGrain.ListAsync() => Task.FromResult(Book.Live);

    private LiveConversationBook Book => new(book.State.Live, book.State.Ended);

    private Task StoreWhenDueAsync() =>
        time.GetUtcNow() - _storedAt >= LiveConversationBook.StoreInterval(Book.Count) ? StoreChangesAsync() : Task.CompletedTask;

    private async Task StoreChangesAsync()
    {
        if (!_unstored)
        {
            return;
        }

        _unstored = false;
        _storedAt = time.GetUtcNow();
        try
        {
            await book.WriteStateAsync();
        }
        catch
        {
            // Tried again at the next tick.
            _unstored = true;
            throw;
        }
    }
}
