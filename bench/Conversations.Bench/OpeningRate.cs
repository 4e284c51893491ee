using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conversations.Bench;

/// <summary>
/// When each new conversation was accepted, to tell whether opening them slows down as they pile up (issue 13: the
/// rate for the latest within 1.2x of the earliest, so nothing scans): the rate over the last <c>window</c> openings
/// against the rate over the first.
/// </summary>
public sealed class OpeningRate
{
    private readonly ConcurrentQueue<long> _accepted = new();

    public Func<int, long, Task<bool>> Counting(Func<int, long, Task<bool>> open) => async (worker, n) =>
    {
        var ok = await open(worker, n);
        if (ok)
        {
            _accepted.Enqueue(Stopwatch.GetTimestamp());
        }

        return ok;
    };

    /// <summary>Rate of the last window over the rate of the first (1 means no slow-down); NaN with too few openings.</summary>
    public (double Ratio, int Window) LateOverEarly()
    {
        var times = _accepted.Order().ToArray();
        var window = Math.Min(1000, times.Length / 4);
        if (window < 10)
        {
            return (double.NaN, window);
        }

        double Rate(int first) => (window - 1) / ((times[first + window - 1] - times[first]) / (double)Stopwatch.Frequency);
        return (Rate(times.Length - window) / Rate(0), window);
    }
}
