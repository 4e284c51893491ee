using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Conversations.Testing;

namespace Conversations.Bench;

/// <summary>
/// Issue 13's targets 4 and 5: the silo's resident memory with many open conversations (from /proc, as the
/// operating system counts it), and how long a graceful stop (SIGTERM) of that silo takes.
/// </summary>
public static partial class SiloFootprint
{
    private static readonly TimeSpan StopBound = TimeSpan.FromMinutes(10);

    public static long ResidentBytes(HostProcess silo) => StatusBytes(silo, "VmRSS:");

    /// <summary>The most the silo has held resident since it started (its high-water mark).</summary>
    public static long PeakResidentBytes(HostProcess silo) => StatusBytes(silo, "VmHWM:");

    private static long StatusBytes(HostProcess silo, string field)
    {
        var line = File.ReadLines($"/proc/{silo.ProcessId}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kib = line[field.Length..].Trim().Split(' ')[0];
        return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Conversation grains active on the silo (its conversations_in_memory gauge, summed over states).</summary>
    public static async Task<long> ConversationsInMemoryAsync(Uri siloHttp)
    {
        using var http = new HttpClient { BaseAddress = siloHttp };
        var metrics = await http.GetStringAsync("/metrics");
        return InMemoryLine().Matches(metrics).Sum(m => (long)double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    public static async Task<TimeSpan> TimeGracefulStopAsync(HostProcess silo)
    {
        var started = Stopwatch.GetTimestamp();
        await silo.StopAsync(StopBound);
        return Stopwatch.GetElapsedTime(started);
    }

    [GeneratedRegex(@"^conversations_in_memory(?:_\w+)?\{[^}]*\} ([0-9.eE+]+)", RegexOptions.Multiline)]
    private static partial Regex InMemoryLine();
}
