using System.Diagnostics;

namespace Conversations.Bench;

/// <summary>
/// An open loop: operations start on a fixed schedule (a total rate spread evenly over the workers) whatever the
/// system answers, as real customers do, and each latency counts from when its operation was due, not from when a
/// worker got round to it, so a stall shows in every operation it delays (no coordinated omission). How late the bench
/// itself woke for operations it waited for (its timers, thread pool and collections share the machine) is measured
/// apart: a lower bound of the load generator's share of the tail (operations it was already late for are not sampled).
/// </summary>
public static class PacedRun
{
    /// <param name="maxOperations">Bounds the run like <paramref name="duration"/>: whichever comes first.</param>
    public static async Task<Measurement> RunAsync(int workers, double perSecond, TimeSpan duration, int maxOperations, Func<int, long, Task<bool>> operation)
    {
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var end = start + (long)(Math.Min(duration.TotalSeconds, maxOperations / perSecond) * Stopwatch.Frequency);
        var interval = Stopwatch.Frequency * workers / perSecond;
        var startedAt = DateTime.UtcNow + TimeSpan.FromSeconds(0.1);
        var latencies = new List<(long Due, double Ms)>[workers];
        var failures = new int[workers];
        var wakeUpDelays = new List<double>[workers];

        async Task WorkerAsync(int worker)
        {
            latencies[worker] = [];
            wakeUpDelays[worker] = [];
            for (long n = 0; ; n++)
            {
                // Worker w's n-th operation; workers are offset so the whole stream is evenly spaced.
                var due = start + (long)((n + worker / (double)workers) * interval);
                if (due >= end)
                {
                    return;
                }

                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                    // A wait under a millisecond can end early: that counts as no delay.
                    wakeUpDelays[worker].Add(Math.Max(0, Stopwatch.GetElapsedTime(due).TotalMilliseconds));
                }

                if (await operation(worker, n))
                {
                    latencies[worker].Add((due - start, Stopwatch.GetElapsedTime(due).TotalMilliseconds));
                }
                else
                {
                    failures[worker]++;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkerAsync(w))));
        var delays = wakeUpDelays.SelectMany(l => l).Order().ToArray();
        var all = latencies.SelectMany(l => l).ToArray();
        return Measurement.From([.. all.Select(l => l.Ms)], failures.Sum(), Stopwatch.GetElapsedTime(start), 0) with
        {
            WakeUpDelayP99 = delays.Length > 0 ? Measurement.Percentile(delays, 0.99) : null,
            Tail = SlowWindows.Of(all.Select(l => (startedAt + TimeSpan.FromSeconds(l.Due / (double)Stopwatch.Frequency), l.Ms))),
        };
    }
}
