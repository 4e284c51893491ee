using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conversations.Testing;

/// <summary>
/// A silo or gateway running as its own OS process (<c>dotnet host.dll</c>), configured through environment
/// variables exactly as an operator would. Its output is kept (the newest lines) to explain a failed run,
/// and disposal kills it, so a failing test never leaves a process behind.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private const int KeptLines = 400;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    public static HostProcess Start(string name, string assemblyPath, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotnetHost(), [assemblyPath])
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(name, process);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>SIGKILL: no shutdown hooks, no leaving the cluster gracefully, exactly like a crashed machine.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, as an operator's planned restart does: the host shuts down in order and leaves the cluster.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }

        using var waited = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(waited.Token);
    }

    /// <summary>The newest output lines, prefixed with the process name, for the test output of a failed run.</summary>
    public string Output() =>
        $"----- {Name} (pid {_process.Id}{(_process.HasExited ? $", exited {_process.ExitCode}" : string.Empty)}) -----{Environment.NewLine}"
        + string.Join(Environment.NewLine, _output);

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped: nothing left to kill.
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>The dotnet host running these tests (the CLI exports its path), so children use the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
}
