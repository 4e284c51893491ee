using System.Diagnostics;

namespace Conversations.Bench;

/// <summary>
/// One customer writing message after message in one conversation, to tell whether a message costs more as the
/// conversation grows (issue 13: the 10,000th within 1.2x of the 10th): the median latency of the last 50 messages
/// against that of messages 10 to 59 (the first ones also open the conversation and warm it).
/// </summary>
public static class LongConversation
{
    private const int Sample = 50;
    private const int Skip = 10;

    public static async Task<(double EarlyMs, double LateMs, int Failed)> RunAsync(int messages, Func<long, Task<bool>> send)
    {
        var latencies = new List<double>(messages);
        var failed = 0;
        for (long n = 0; n < messages; n++)
        {
            var started = Stopwatch.GetTimestamp();
            if (await send(n))
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                failed++;
            }
        }

        return latencies.Count < Skip + 2 * Sample
            ? (double.NaN, double.NaN, failed)
            : (Median(latencies.Skip(Skip).Take(Sample)), Median(latencies.TakeLast(Sample)), failed);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
