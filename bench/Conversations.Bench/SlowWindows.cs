namespace Conversations.Bench;

/// <summary>
/// Where a paced run's slow operations sit in time: a tail made of a few stalls (a collection, a checkpoint) crowds
/// into a few windows, one spread evenly is a slow path. Times are UTC, so a trace of another process lines up.
/// </summary>
public sealed record SlowWindows(int Slow, int Total, int WindowsWithSlow, int Windows, IReadOnlyList<(DateTime Start, int Slow, int All)> Worst)
{
    public const double SlowMs = 25;
    private static readonly TimeSpan Width = TimeSpan.FromMilliseconds(100);

    public static SlowWindows Of(IEnumerable<(DateTime Due, double Ms)> operations)
    {
        var windows = operations
            .GroupBy(o => new DateTime(o.Due.Ticks - o.Due.Ticks % Width.Ticks, DateTimeKind.Utc))
            .Select(w => (Start: w.Key, Slow: w.Count(o => o.Ms > SlowMs), All: w.Count()))
            .ToArray();
        return new SlowWindows(
            windows.Sum(w => w.Slow), windows.Sum(w => w.All), windows.Count(w => w.Slow > 0), windows.Length,
            [.. windows.Where(w => w.Slow > 0).OrderByDescending(w => w.Slow).Take(5)]);
    }

    public string Describe() => FormattableString.Invariant(
        $"{Slow} of {Total} over {SlowMs:F0} ms, in {WindowsWithSlow} of {Windows} windows of {Width.TotalMilliseconds:F0} ms; worst (UTC, slow/all): ")
        + string.Join(", ", Worst.Select(w => FormattableString.Invariant($"{w.Start:HH:mm:ss.f} {w.Slow}/{w.All}")));
}
