using Conversations.Activities;
using Conversations.Conversations;
using Conversations.Hosting;

namespace Conversations.ChannelSessions;

/// <summary>
/// Watches one session's inactivity deadline. A grain timer fires on time while the grain is active; a
/// reminder is the durable backstop that brings the grain back after a restart. The deadline moves in
/// memory on every customer message without a storage write: after a restart the activity log tells
/// when the customer last wrote.
/// </summary>
public sealed class ChannelSessionGrain(
    [PersistentState(StateNames.ChannelSession, StorageNames.GrainState)] IPersistentState<ChannelSessionState> session,
    IActivityLog activityLog,
    TimeProvider time)
    : Grain, IChannelSessionGrain, IRemindable
{
    private const string InactivityReminder = "inactivity";
    private static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _deadlineTimer;
    private bool _inactivityReported;

    private ChannelSessionState State => session.State;

    private bool IsOpen => State.Opening is not null && State.Status == ChannelSessionStatus.Open;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            return;
        }

        if (await activityLog.GetLastCustomerActivityAsync(this.GetPrimaryKeyString(), cancellationToken) is { } last
            && last > State.LastActivityAt)
        {
            State.LastActivityAt = last;
            State.ExpiresAt = last + State.Opening!.InactivityTimeout;
        }

        ArmDeadlineTimer();
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
        State.Opening = opening;
        State.Status = ChannelSessionStatus.Open;
        State.ChannelData = new Dictionary<string, string>(opening.ChannelData, StringComparer.Ordinal);
        State.OpenedAt = now;
        State.LastActivityAt = now;
        State.ExpiresAt = now + opening.InactivityTimeout;
        await session.WriteStateAsync();

        var period = opening.InactivityTimeout > MinimumReminderPeriod ? opening.InactivityTimeout : MinimumReminderPeriod;
        await this.RegisterOrUpdateReminder(InactivityReminder, period, period);
        ArmDeadlineTimer();
        return View();
    }

    public async Task TouchAsync(IReadOnlyDictionary<string, string> channelData)
    {
        if (!IsOpen)
        {
            return;
        }

        State.LastActivityAt = time.GetUtcNow();
        State.ExpiresAt = State.LastActivityAt + State.Opening!.InactivityTimeout;
        _inactivityReported = false;
        ArmDeadlineTimer();

        var changed = channelData.Where(e => !State.ChannelData.TryGetValue(e.Key, out var v) || v != e.Value).ToList();
        if (changed.Count > 0)
        {
            foreach (var (key, value) in changed)
            {
                State.ChannelData[key] = value;
            }

            await session.WriteStateAsync();
        }
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
        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
        await UnregisterReminderAsync();
        return View();
    }

    public Task<ChannelSessionView?> GetAsync() =>
        Task.FromResult(State.Opening is null ? null : View());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!IsOpen)
        {
            await UnregisterReminderAsync();
            return;
        }

        CheckDeadline();
    }

    private void ArmDeadlineTimer()
    {
        var due = State.ExpiresAt - time.GetUtcNow();
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        if (_deadlineTimer is null)
        {
            _deadlineTimer = this.RegisterGrainTimer(
                () =>
                {
                    CheckDeadline();
                    return Task.CompletedTask;
                },
                new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = false });
        }
        else
        {
            _deadlineTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void CheckDeadline()
    {
        if (!IsOpen || _inactivityReported)
        {
            return;
        }

        if (time.GetUtcNow() < State.ExpiresAt)
        {
            ArmDeadlineTimer();
            return;
        }

        // The conversation's controller decides what inactivity means; it may close this session.
        _inactivityReported = true;
        GrainFactory.GetGrain<IConversationGrain>(State.Opening!.ConversationId)
            .ReportSessionInactiveAsync(this.GetPrimaryKeyString())
            .Ignore();
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(InactivityReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
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
