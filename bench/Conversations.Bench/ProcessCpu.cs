using System.Globalization;

namespace Conversations.Bench;

/// <summary>
/// CPU time the system's processes spent (user + system, from /proc), so a phase can say how much CPU each message
/// cost each of them. Unlike a rate, that holds on a shared, noisy machine: other work slows a phase down but does
/// not add to its processes' CPU time.
/// </summary>
public sealed class ProcessCpu(IReadOnlyDictionary<string, Func<IEnumerable<int>>> groups)
{
    // USER_HZ is 100 on every Linux this runs on.
    private const double MillisecondsPerTick = 10;

    public IReadOnlyDictionary<string, double> ReadMilliseconds() =>
        groups.ToDictionary(g => g.Key, g => g.Value().Sum(Ticks) * MillisecondsPerTick);

    /// <summary>The processes of the named program (its comm, as ps shows it), e.g. every postgres backend.</summary>
    public static IEnumerable<int> Named(string comm) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && Comm(pid) == comm);

    public static string Describe(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, int operations) =>
        string.Join(", ", after.Select(a => FormattableString.Invariant(
            $"{a.Key} {(a.Value - before.GetValueOrDefault(a.Key)) / Math.Max(1, operations):F2}")))
        + FormattableString.Invariant($" (total {(after.Values.Sum() - before.Values.Sum()) / Math.Max(1, operations):F2})");

    private static string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// utime + stime of one process and of its children that ended (cutime + cstime): a PostgreSQL backend that
    /// closes mid-phase leaves /proc, and its time would vanish from the sum, but the postmaster reaps it and so
    /// gains that time. 0 once the process itself is gone.
    /// </summary>
    private static long Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14,
            // stime 15, cutime 16, cstime 17.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[11..15].Sum(field => long.Parse(field, CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
