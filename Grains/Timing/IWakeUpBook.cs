namespace Conversations.Timing;

/// <summary>
/// The durable book of grain deadlines that every silo reads, so a deadline is acted on in time whatever
/// happened to the silo that set it. One entry per grain. An entry may be early (the grain books again when
/// woken before its deadline) but never late.
/// </summary>
public interface IWakeUpBook
{
    /// <summary>Sets the grain's entry, replacing any it had.</summary>
    Task BookAsync(GrainId grain, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    Task CancelAsync(GrainId grain, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="limit"/> entries due at <paramref name="now"/> for one silo to wake. A taken
    /// entry is not handed out again for <paramref name="lease"/>, so one whose grain did not answer is tried
    /// again after it.
    /// </summary>
    Task<IReadOnlyList<GrainId>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default);
}
