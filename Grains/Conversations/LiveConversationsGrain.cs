using Conversations.Storage;

namespace Conversations.Conversations;

/// <summary>
/// Keeps one <see cref="LiveConversationBook"/>. Reports change it in memory and supervisors read it there; it is
/// stored at most every <see cref="LiveConversationBook.StoreInterval"/> (2 s for a book of up to 200 conversations,
/// longer for bigger ones) and when the grain stops, so a busy book costs a write every few seconds rather than one per
/// conversation change; a conversation's closing within 2 s (at once in a book of up to 200). A crash loses at most
/// that interval of other reports, and each conversation reports itself again when it next activates.
/// </summary>
public sealed class LiveConversationsGrain(
    [PersistentState(StateNames.LiveConversations, StorageNames.GrainState)] IPersistentState<LiveConversationsState> book,
    TimeProvider time)
    : Grain, ILiveConversationsGrain
{
    private bool _unstored;
    private bool _closingUnstored;
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
        var changed = Book.Record(report);
        _unstored |= changed;
        _closingUnstored |= changed && report.State == ConversationStatus.Closed;
        return _closingUnstored && LiveConversationBook.StoresClosingAtOnce(Book.Count) ? StoreChangesAsync() : Task.CompletedTask;
    }

    Task<IReadOnlyList<LiveConversation>> ILiveConversationsGrain.ListAsync() => Task.FromResult(Book.Live);

    private LiveConversationBook Book => new(book.State.Live, book.State.Ended);

    private Task StoreWhenDueAsync() =>
        LiveConversationBook.StoreDue(Book.Count, time.GetUtcNow() - _storedAt, _closingUnstored) ? StoreChangesAsync() : Task.CompletedTask;

    private async Task StoreChangesAsync()
    {
        if (!_unstored)
        {
            return;
        }

        // Cleared before the write, so a report taken while it is under way is stored next time.
        var closing = _closingUnstored;
        (_unstored, _closingUnstored) = (false, false);
        try
        {
            await book.WriteStateAsync();
            _storedAt = time.GetUtcNow();
        }
        catch
        {
            // Tried again at the next tick.
            (_unstored, _closingUnstored) = (true, _closingUnstored || closing);
            throw;
        }
    }
}
