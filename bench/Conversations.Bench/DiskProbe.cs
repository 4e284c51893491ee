using System.Diagnostics;

namespace Conversations.Bench;

/// <summary>
/// Writes 8 kB and waits for the disk (fsync) in the directory beside PostgreSQL's data, as its commits do, then sleeps
/// 20 ms, on a thread of its own. A commit cannot be faster than its disk: when the probe stalls, every message waiting for a
/// commit at that moment stalls with it, which a paced run shows as a window of slow messages.
/// </summary>
public sealed class DiskProbe : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly List<(DateTime At, double Ms)> _syncs = [];
    private readonly string _path;
    private readonly Thread _thread;
    private volatile bool _stopping;

    private DiskProbe(string directory)
    {
        _path = Path.Combine(directory, "bench-disk-probe");
        _thread = new Thread(Run) { IsBackground = true, Name = "disk probe" };
        _thread.Start();
    }

    public static DiskProbe Start(string directory) => new(directory);

    /// <summary>Why the probe stopped early (a full or failing disk ends the probe, not the bench).</summary>
    public string? Failure { get; private set; }

    /// <summary>Each write's start (UTC) and how long the write and its fsync took.</summary>
    public IReadOnlyList<(DateTime At, double Ms)> Stop()
    {
        _stopping = true;
        _thread.Join();
        return _syncs;
    }

    public void Dispose()
    {
        if (!_stopping)
        {
            Stop();
        }

        File.Delete(_path);
    }

    private void Run()
    {
        try
        {
            var page = new byte[8192];
            using var file = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            for (var n = 0; !_stopping; n++)
            {
                var at = DateTime.UtcNow;
                var started = Stopwatch.GetTimestamp();
                RandomAccess.Write(file.SafeFileHandle, page, n % 128 * (long)page.Length);
                file.Flush(flushToDisk: true);
                _syncs.Add((at, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                Thread.Sleep(Interval);
            }
        }
        catch (IOException e)
        {
            Failure = e.Message;
        }
    }
}
