using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Timing;

/// <summary>
/// Each silo's reader of the wake-up book: every poll interval it takes the due entries and wakes their
/// grains, wherever they live or are activated anew. Silos share the work by taking entries, so the
/// deadlines of a silo that died are woken by the others as soon as their grains can be activated.
/// </summary>
public sealed partial class WakeUpPoller(
    IWakeUpBook book,
    IGrainFactory grains,
    IOptions<WakeUpOptions> options,
    TimeProvider time,
    ILogger<WakeUpPoller> logger) : BackgroundService
{
    private readonly WakeUpOptions _options = options.Value;

    /// <summary>One look: wakes every grain due now; returns how many answered.</summary>
    public async Task<int> WakeDueAsync(CancellationToken cancellationToken = default)
    {
        var due = await book.TakeDueAsync(time.GetUtcNow(), _options.Lease, _options.BatchSize, cancellationToken);
        var woken = await Task.WhenAll(due.Select(WakeAsync));
        return woken.Count(w => w);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await WakeDueAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPollFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> WakeAsync(GrainId grain)
    {
        try
        {
            // A grain on a silo that just died may not answer until that silo is declared dead: try again
            // soon rather than hold up this look or wait for the lease.
            await grains.GetGrain(grain).AsReference<IWakeUpTarget>().WakeAsync().WaitAsync(_options.WakeTimeout, time);
            return true;
        }
        catch (Exception e)
        {
            LogWakeFailed(e, grain);
            await TryAgainSoonAsync(grain);
            return false;
        }
    }

    private async Task TryAgainSoonAsync(GrainId grain)
    {
        try
        {
            await book.BookAsync(grain, time.GetUtcNow() + _options.PollInterval);
        }
        catch (Exception e)
        {
            // The lease still brings the entry back.
            LogWakeFailed(e, grain);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for due deadlines failed; trying again at the next interval")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking {Grain} for its deadline failed; it is tried again shortly")]
    private partial void LogWakeFailed(Exception exception, GrainId grain);
}
