using System.Diagnostics;

namespace Conversations.Bench;

/// <summary>
/// N workers, each issuing one operation after the other (closed loop), first for a warm-up that is not measured,
/// then until the duration has passed or the measured operation count reaches its bound. The system and the
/// PostgreSQL baseline are measured with this same loop, so their figures compare like for like.
/// </summary>
public static class ClosedLoopRun
{
    /// <param name="operation">Runs operation number n of worker w; false when it failed (counted, not timed).</param>
    /// <param name="measuringStarts">Called once when the measured part begins.</param>
    public static async Task<Measurement> RunAsync(
        int workers, TimeSpan warmup, TimeSpan duration, int maxOperations, Func<int, long, Task<bool>> operation, Action? measuringStarts = null)
    {
        long issued = 0;
        var warmupEnds = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measuredStart = 0L;
        var measuredEnd = 0L;
        var latencies = new List<double>[workers];
        var failures = new int[workers];
        var warmed = new int[workers];

        async Task WorkerAsync(int worker)
        {
            latencies[worker] = [];
            for (long n = 0; ; n++)
            {
                var started = Stopwatch.GetTimestamp();
                var measuring = started >= warmupEnds;
                if (measuring)
                {
                    if (Interlocked.CompareExchange(ref measuredStart, started, 0) == 0)
                    {
                        measuringStarts?.Invoke();
                        Interlocked.Exchange(ref measuredEnd, started + (long)(duration.TotalSeconds * Stopwatch.Frequency));
                    }

                    var end = Interlocked.Read(ref measuredEnd);
                    if ((end != 0 && started >= end) || Interlocked.Increment(ref issued) > maxOperations)
                    {
                        return;
                    }
                }

                var ok = await operation(worker, n);
                if (!measuring)
                {
                    warmed[worker] += ok ? 1 : 0;
                }
                else if (ok)
                {
                    latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    failures[worker]++;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkerAsync(w))));
        var elapsed = Stopwatch.GetElapsedTime(measuredStart);
        return Measurement.From([.. latencies.SelectMany(l => l)], failures.Sum(), elapsed, warmed.Sum());
    }
}
