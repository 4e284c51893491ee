namespace Conversations.Bench;

/// <summary>
/// Where a paced run's slow operations sit in time: a tail made of a few stalls (a collection, a slow fsync) crowds
/// into a few windows, one spread evenly is a slow path. Times are UTC, so a trace of another process lines up.
/// </summary>
public sealed record SlowWindows(int Slow, int Total, int Windows, IReadOnlyList<(DateTime Start, int Slow, int All)> WithSlow)
{
    public const double SlowMs = 25;
    private static readonly TimeSpan Width = TimeSpan.FromMilliseconds(100);

    public static SlowWindows Of(IEnumerable<(DateTime Due, double Ms)> operations)
    {
        var windows = operations
            .GroupBy(o => new DateTime(o.Due.Ticks - o.Due.Ticks % Width.Ticks, DateTimeKind.Utc))
            .Select(w => (Start: w.Key, Slow: w.Count(o => o.Ms > SlowMs), All: w.Count()))
            .ToArray();
        return new SlowWindows(windows.Sum(w => w.Slow), windows.Sum(w => w.All), windows.Length, [.. windows.Where(w => w.Slow > 0)]);
    }

    public string Describe() => FormattableString.Invariant(
        $"{Slow} of {Total} over {SlowMs:F0} ms, in {WithSlow.Count} of {Windows} windows of {Width.TotalMilliseconds:F0} ms; worst (UTC, slow/all): ")
        + string.Join(", ", WithSlow.OrderByDescending(w => w.Slow).Take(5).Select(w => FormattableString.Invariant($"{w.Start:HH:mm:ss.f} {w.Slow}/{w.All}")));

    /// <summary>
    /// How the disk under PostgreSQL fared through the run, and how many slow windows lay within one window of a disk
    /// stall (a probe write over <see cref="SlowMs"/>).
    /// </summary>
    public string DescribeDisk(IReadOnlyList<(DateTime At, double Ms)> syncs)
    {
        if (syncs.Count == 0)
        {
            return "no probe write finished";
        }

        var sorted = syncs.Select(s => s.Ms).Order().ToArray();
        var stalls = syncs.Where(s => s.Ms > SlowMs).ToArray();
        var nearStall = WithSlow
            .Where(w => stalls.Any(s => s.At + TimeSpan.FromMilliseconds(s.Ms) >= w.Start - Width && s.At <= w.Start + Width + Width))
            .ToArray();
        return FormattableString.Invariant(
            $"a probe's 8 kB write + fsync, 20 ms apart, beside PostgreSQL's data: p99 {Measurement.Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms, ")
            + FormattableString.Invariant($"{stalls.Length} of {syncs.Count} over {SlowMs:F0} ms; ")
            + FormattableString.Invariant($"{nearStall.Length} of the {WithSlow.Count} windows with slow messages ({nearStall.Sum(w => w.Slow)} of {Slow} slow messages) lay within a window of one");
    }
}
