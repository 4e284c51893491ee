namespace Conversations.ChannelSessions;

/// <summary>
/// One channel session's decisions on a copy of its state. The inactivity deadline is data: the session
/// is inactive from the deadline on, whether or not a timer noticed, so a message that comes late is
/// refused here exactly as if the deadline had been acted on in time. The deadline moves in memory on
/// every customer message; only what <see cref="MustStore"/> says is worth a write, since after a
/// restart the activity log tells when the customer last wrote (<see cref="CatchUp"/>).
/// </summary>
public sealed class ChannelSession(ChannelSessionState stored, DateTimeOffset now)
{
    public ChannelSessionState State { get; } = stored.Copy();

    public bool MustStore { get; private set; }

    public bool IsOpen => IsOpenIn(State);

    /// <summary>The deadline to watch; none once the session closed or the conversation kept it open past it.</summary>
    public DateTimeOffset? Deadline => DeadlineOf(State);

    /// <summary>The deadline a stored state watches, read without making a decision on a copy of it.</summary>
    public static DateTimeOffset? DeadlineOf(ChannelSessionState state) =>
        IsOpenIn(state) && !state.InactivityAcknowledged ? state.ExpiresAt : null;

    private static bool IsOpenIn(ChannelSessionState state) => state.Opening is not null && state.Status == ChannelSessionStatus.Open;

    public bool IsInactive => Deadline is { } deadline && now >= deadline;

    /// <summary>False when the session was opened before: opening is idempotent.</summary>
    public bool Open(ChannelSessionOpening opening)
    {
        if (State.Opening is not null)
        {
            return false;
        }

        // Stored as a plain dictionary whatever the caller sent: JSON grain storage records the concrete type.
        State.ChannelData = new Dictionary<string, string>(opening.ChannelData, StringComparer.Ordinal);
        State.Opening = opening with { ChannelData = State.ChannelData };
        State.Status = ChannelSessionStatus.Open;
        State.OpenedAt = now;
        State.LastActivityAt = now;
        State.ExpiresAt = now + opening.InactivityTimeout;
        MustStore = true;
        return true;
    }

    public SessionTouch Touch(IReadOnlyDictionary<string, string> channelData)
    {
        if (!IsOpen)
        {
            return SessionTouch.Closed;
        }

        if (IsInactive)
        {
            return SessionTouch.Expired;
        }

        State.LastActivityAt = now;
        State.ExpiresAt = now + State.Opening!.InactivityTimeout;
        foreach (var (key, value) in channelData)
        {
            if (!State.ChannelData.TryGetValue(key, out var known) || known != value)
            {
                State.ChannelData[key] = value;
                MustStore = true;
            }
        }

        if (State.InactivityAcknowledged)
        {
            State.InactivityAcknowledged = false;
            MustStore = true;
        }

        return SessionTouch.Touched;
    }

    public void Close(SessionCloseReason reason)
    {
        if (!IsOpen)
        {
            return;
        }

        State.Status = ChannelSessionStatus.Closed;
        // Closed for inactivity: the customer went inactive at the deadline, however late that was acted on.
        State.ClosedAt = reason == SessionCloseReason.Inactivity && State.ExpiresAt < now ? State.ExpiresAt : now;
        State.CloseReason = reason;
        MustStore = true;
    }

    /// <summary>The conversation keeps the session open past its deadline: it stops counting until the customer writes.</summary>
    public void AcknowledgeInactivity()
    {
        if (IsInactive)
        {
            State.InactivityAcknowledged = true;
            MustStore = true;
        }
    }

    /// <summary>After a restart: the deadline counts from the customer's last logged message, if that is later than the stored one.</summary>
    public void CatchUp(DateTimeOffset? lastCustomerActivity)
    {
        if (Deadline is not null && lastCustomerActivity is { } last && last > State.LastActivityAt)
        {
            State.LastActivityAt = last;
            State.ExpiresAt = last + State.Opening!.InactivityTimeout;
        }
    }
}
