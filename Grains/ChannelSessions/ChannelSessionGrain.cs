using Conversations.Activities;
using Conversations.Conversations;
using Conversations.Storage;
using Conversations.Timing;

namespace Conversations.ChannelSessions;

/// <summary>
/// Keeps one channel session: its <see cref="ChannelSession"/> decides, this grain stores what is worth
/// storing and keeps the session's inactivity deadline in the wake-up book. When the deadline is due it
/// tells the conversation, whose controller decides what inactivity means.
/// </summary>
/// <remarks>Placed with its customer's grains (see <see cref="Customers.CustomerGrain"/>).</remarks>
[Orleans.Placement.PreferLocalPlacement]
public sealed class ChannelSessionGrain(
    [PersistentState(StateNames.ChannelSession, StorageNames.GrainState)] IPersistentState<ChannelSessionState> session,
    IActivityLog activityLog,
    IWakeUpBook wakeUps,
    TimeProvider time)
    : Grain, IChannelSessionGrain
{
    /// <summary>A report of inactivity is one-way: without an answer by then, the session reports again.</summary>
    private static readonly TimeSpan ReportAgainAfter = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A deadline moved by messages is never written: the activity log has the messages, so an activation
    /// (after idling, a restart or a crash) takes the deadline from the customer's last one. Deactivating
    /// therefore writes nothing, and a silo stops without a write per open session.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var model = Decide();
        if (model.Deadline is not null)
        {
            model.CatchUp(await activityLog.GetLastCustomerActivityAsync(this.GetPrimaryKeyString(), cancellationToken));
            session.State = model.State;
        }
    }

    async Task<ChannelSessionView> IChannelSessionGrain.OpenAsync(ChannelSessionOpening opening)
    {
        var model = Decide();
        model.Open(opening);
        await CommitAsync(model);
        return View();
    }

    async Task<SessionTouch> IChannelSessionGrain.TouchAsync(IReadOnlyDictionary<string, string> channelData)
    {
        var model = Decide();
        var touch = model.Touch(channelData);
        await CommitAsync(model);
        return touch;
    }

    async Task<ChannelSessionView> IChannelSessionGrain.CloseAsync(SessionCloseReason reason)
    {
        var model = Decide();
        model.Close(reason);
        await CommitAsync(model);
        return View();
    }

    async Task IChannelSessionGrain.AcknowledgeInactivityAsync()
    {
        var model = Decide();
        model.AcknowledgeInactivity();
        await CommitAsync(model);
    }

    Task<ChannelSessionView?> IChannelSessionGrain.GetAsync() =>
        Task.FromResult(session.State.Opening is null ? null : View());

    async Task IWakeUpTarget.WakeAsync()
    {
        var model = Decide();
        if (model.IsInactive)
        {
            await wakeUps.BookAsync(this.GetGrainId(), time.GetUtcNow() + ReportAgainAfter);
            await GrainFactory.Get<IConversationGrain>(session.State.Opening!.ConversationId)
                .ReportSessionInactiveAsync(this.GetPrimaryKeyString());
        }
        else if (model.Deadline is { } deadline)
        {
            // Woken before the deadline: the customer wrote meanwhile.
            await wakeUps.BookAsync(this.GetGrainId(), deadline);
        }
        else
        {
            await wakeUps.CancelAsync(this.GetGrainId());
        }
    }

    private ChannelSession Decide() => new(session.State, time.GetUtcNow());

    /// <summary>
    /// Stores what the decision says is worth storing, and keeps the book in step: an entry from the moment a
    /// deadline appears until it goes. Moving a deadline later needs no new entry: the grain books again when
    /// woken early.
    /// </summary>
    private async Task CommitAsync(ChannelSession model)
    {
        var watched = ChannelSession.DeadlineOf(session.State);
        session.State = model.State;
        if (model.MustStore)
        {
            await session.WriteStateAsync();
        }

        if (watched is null && model.Deadline is { } deadline)
        {
            await wakeUps.BookAsync(this.GetGrainId(), deadline);
        }
        else if (watched is not null && model.Deadline is null)
        {
            await wakeUps.CancelAsync(this.GetGrainId());
        }
    }

    private ChannelSessionView View()
    {
        var state = session.State;
        var opening = state.Opening!;
        return new ChannelSessionView(
            this.GetPrimaryKeyString(),
            opening.ConversationId,
            opening.CustomerId,
            opening.ServiceIdentifier,
            opening.ChannelTypeCode,
            opening.CustomerChannelIdentifier,
            opening.Direction,
            state.Status,
            new Dictionary<string, string>(state.ChannelData, StringComparer.Ordinal),
            state.OpenedAt,
            state.LastActivityAt,
            state.ExpiresAt,
            state.ClosedAt,
            state.CloseReason);
    }
}
