using System.Globalization;

namespace Conversations.Bench;

/// <summary>Throughput and latency percentiles of one measured phase; <see cref="Warmed"/> operations ran before it, unmeasured.</summary>
public sealed record Measurement(int Succeeded, int Failed, TimeSpan Elapsed, double P50, double P95, double P99, int Warmed)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    /// <summary>CPU milliseconds each operation cost every process of the run (self-hosted only).</summary>
    public double? CpuMsEach { get; init; }

    /// <summary>99th percentile of how late the bench woke for an operation it waited for (paced runs only).</summary>
    public double? WakeUpDelayP99 { get; init; }

    /// <summary>When the slow operations were due (paced runs only), to line up with collections or checkpoints.</summary>
    public SlowWindows? Tail { get; init; }

    public static Measurement From(double[] latenciesMs, int failed, TimeSpan elapsed, int warmed)
    {
        Array.Sort(latenciesMs);
        return new Measurement(latenciesMs.Length, failed, elapsed,
            Percentile(latenciesMs, 0.50), Percentile(latenciesMs, 0.95), Percentile(latenciesMs, 0.99), warmed);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Succeeded} ok / {Failed} failed in {Elapsed.TotalSeconds:F1} s = {PerSecond:F1} msgs/s   p50 {P50:F2} ms   p95 {P95:F2} ms   p99 {P99:F2} ms{(WakeUpDelayP99 is { } late ? $"   (the bench's own wake-up delay: p99 {late:F2} ms)" : "")}");

    /// <summary>Nearest-rank percentile of sorted values; NaN when nothing succeeded.</summary>
    public static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
