using System.Diagnostics;
using System.Globalization;
using Conversations.Testing;

namespace Conversations.Bench;

/// <summary>
/// Issue 13's targets 4 and 5: the silo's resident memory with many open conversations (from /proc, as the
/// operating system counts it), and how long a graceful stop (SIGTERM) of that silo takes.
/// </summary>
public static class SiloFootprint
{
    private static readonly TimeSpan StopBound = TimeSpan.FromMinutes(10);

    public static long ResidentBytes(HostProcess silo)
    {
        var line = File.ReadLines($"/proc/{silo.ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
    }

    public static async Task<TimeSpan> TimeGracefulStopAsync(HostProcess silo)
    {
        var started = Stopwatch.GetTimestamp();
        await silo.StopAsync(StopBound);
        return Stopwatch.GetElapsedTime(started);
    }
}
