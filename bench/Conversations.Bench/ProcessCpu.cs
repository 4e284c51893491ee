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

    /// <summary>
    /// A process and its children, e.g. the bench's own PostgreSQL server (the postmaster and its backends and
    /// background workers), and not another one on the same machine.
    /// </summary>
    public static IEnumerable<int> Tree(int root) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid == root || (pid > 0 && ParentOf(pid) == root));

    public static string Describe(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, int operations) =>
        string.Join(", ", after.Select(a => FormattableString.Invariant(
            $"{a.Key} {(a.Value - before.GetValueOrDefault(a.Key)) / Math.Max(1, operations):F2}")))
        + FormattableString.Invariant($" (total {TotalEach(before, after, operations):F2})");

    /// <summary>CPU milliseconds each operation cost all the processes together.</summary>
    public static double TotalEach(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, int operations) =>
        (after.Values.Sum() - before.Values.Sum()) / Math.Max(1, operations);

    private static int ParentOf(int pid) => Fields(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : 0;

    /// <summary>
    /// utime + stime of one process and of its children that ended (cutime + cstime): a PostgreSQL backend that
    /// closes mid-phase leaves /proc, and its time would vanish from the sum, but the postmaster reaps it and so
    /// gains that time. 0 once the process itself is gone.
    /// </summary>
    private static long Ticks(int pid) =>
        Fields(pid) is { } fields ? fields[11..15].Sum(field => long.Parse(field, CultureInfo.InvariantCulture)) : 0;

    /// <summary>
    /// /proc/PID/stat from field 3 on (the command name before it is in parentheses and may hold spaces): state, ppid
    /// (field 4), ... utime 14, stime 15, cutime 16, cstime 17. Null once the process is gone.
    /// </summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
