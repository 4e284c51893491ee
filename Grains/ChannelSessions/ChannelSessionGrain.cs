using Conversations.Activities;
using Conversations.Conversations;
using Conversations.Hosting;
using Conversations.Timing;

namespace Conversations.ChannelSessions;

/// <summary>
/// Watches one session's inactivity deadline. The deadline moves in memory on every customer message
/// without a storage write; it is written on transitions and when the grain goes idle, and after a
/// crash the activity log tells when the customer last wrote.
/// </summary>
public sealed class ChannelSessionGrain(
    [PersistentState(StateNames.ChannelSession, StorageNames.GrainState)] IPersistentState<ChannelSessionState> session,
    IActivityLog activityLog,
    TimeProvider time)
    : Grain, IChannelSessionGrain, IRemindable
{
    private DeadlineWatch _deadline = null!;
    private bool _inactivityReported;

    private ChannelSessionState State => session.State;

    private bool IsOpen => State.Opening is not null && State.Status == ChannelSessionStatus.Open;

    private bool Watching => IsOpen && !State.InactivityAcknowledged;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _deadline = new DeadlineWatch(this, "inactivity", time, CheckDeadlineAsync);
        if (!Watching)
        {
            return;
        }

        if (await activityLog.GetLastCustomerActivityAsync(this.GetPrimaryKeyString(), cancellationToken) is { } last
            && last > State.LastActivityAt)
        {
            State.LastActivityAt = last;
            State.ExpiresAt = last + State.Opening!.InactivityTimeout;
        }

        _deadline.Arm(State.ExpiresAt);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Keep the moved deadline for the next activation when the grain goes idle in an orderly way.
        if (IsOpen && reason.ReasonCode != DeactivationReasonCode.ApplicationError)
        {
            await session.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<ChannelSessionView> OpenAsync(ChannelSessionOpening opening)
    {
        if (State.Opening is not null)
        {
            return View();
        }

        var now = time.GetUtcNow();
        // Stored as a plain dictionary whatever the caller sent: JSON grain storage records the concrete type.
        State.ChannelData = new Dictionary<string, string>(opening.ChannelData, StringComparer.Ordinal);
        State.Opening = opening with { ChannelData = State.ChannelData };
        State.Status = ChannelSessionStatus.Open;
        State.OpenedAt = now;
        State.LastActivityAt = now;
        State.ExpiresAt = now + opening.InactivityTimeout;
        await session.WriteStateAsync();
        await _deadline.StartAsync(State.ExpiresAt, opening.InactivityTimeout);
        return View();
    }

    public async Task<bool> TouchAsync(IReadOnlyDictionary<string, string> channelData)
    {
        if (!IsOpen)
        {
            return false;
        }

        State.LastActivityAt = time.GetUtcNow();
        State.ExpiresAt = State.LastActivityAt + State.Opening!.InactivityTimeout;
        _inactivityReported = false;

        var changed = channelData.Where(e => !State.ChannelData.TryGetValue(e.Key, out var v) || v != e.Value).ToList();
        foreach (var (key, value) in changed)
        {
            State.ChannelData[key] = value;
        }

        if (State.InactivityAcknowledged)
        {
            State.InactivityAcknowledged = false;
            await session.WriteStateAsync();
            await _deadline.StartAsync(State.ExpiresAt, State.Opening.InactivityTimeout);
        }
        else
        {
            _deadline.Arm(State.ExpiresAt);
            if (changed.Count > 0)
            {
                await session.WriteStateAsync();
            }
        }

        return true;
    }

    public async Task<ChannelSessionView> CloseAsync(SessionCloseReason reason)
    {
        if (!IsOpen)
        {
            return View();
        }

        State.Status = ChannelSessionStatus.Closed;
        State.ClosedAt = time.GetUtcNow();
        State.CloseReason = reason;
        await session.WriteStateAsync();
        await _deadline.StopAsync();
        return View();
    }

    public async Task AcknowledgeInactivityAsync()
    {
        if (Watching && time.GetUtcNow() >= State.ExpiresAt)
        {
            State.InactivityAcknowledged = true;
            await session.WriteStateAsync();
            await _deadline.StopAsync();
        }
    }

    public Task<ChannelSessionView?> GetAsync() =>
        Task.FromResult(State.Opening is null ? null : View());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Watching)
        {
            // A report is one-way and may have been lost: every tick past the deadline reports again.
            _inactivityReported = false;
            await CheckDeadlineAsync();
        }
        else
        {
            await _deadline.StopAsync();
        }
    }

    private Task CheckDeadlineAsync()
    {
        if (!Watching || _inactivityReported)
        {
            return Task.CompletedTask;
        }

        if (time.GetUtcNow() < State.ExpiresAt)
        {
            _deadline.Arm(State.ExpiresAt);
            return Task.CompletedTask;
        }

        // The conversation's controller decides what inactivity means; it may close this session.
        _inactivityReported = true;
        return GrainFactory.GetGrain<IConversationGrain>(State.Opening!.ConversationId)
            .ReportSessionInactiveAsync(this.GetPrimaryKeyString());
    }

    private ChannelSessionView View()
    {
        var opening = State.Opening!;
        return new ChannelSessionView(
            this.GetPrimaryKeyString(),
            opening.ConversationId,
            opening.CustomerId,
            opening.ServiceIdentifier,
            opening.ChannelTypeCode,
            opening.CustomerChannelIdentifier,
            opening.Direction,
            State.Status,
            new Dictionary<string, string>(State.ChannelData, StringComparer.Ordinal),
            State.OpenedAt,
            State.LastActivityAt,
            State.ExpiresAt,
            State.ClosedAt,
            State.CloseReason);
    }
}
