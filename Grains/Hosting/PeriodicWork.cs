using Microsoft.Extensions.Hosting;

namespace Conversations.Hosting;

/// <summary>
/// Background work each silo does on every tick of the injected clock. A failed round is reported and the next
/// tick tries again; only stopping the host ends the loop.
/// </summary>
public abstract class PeriodicWork(TimeProvider time) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected abstract void OnRoundFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    OnRoundFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
