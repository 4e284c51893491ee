using Conversations.Hosting;
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
    ILogger<WakeUpPoller> logger) : PeriodicWork(time)
{
    private readonly WakeUpOptions _options = options.Value;

    /// <summary>One look: wakes every grain due now; returns how many answered.</summary>
    public async Task<int> WakeDueAsync(CancellationToken cancellationToken = default)
    {
        var due = await book.TakeDueAsync(Time.GetUtcNow(), _options.Lease, _options.BatchSize, cancellationToken);
        var woken = await Task.WhenAll(due.Select(WakeAsync));
        return woken.Count(w => w);
    }

    protected override TimeSpan Interval => _options.PollInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => WakeDueAsync(cancellationToken);

    protected override void OnRoundFailed(Exception exception) => LogPollFailed(exception);

    private async Task<bool> WakeAsync(GrainId grain)
    {
        try
        {
            // A grain on a silo that just died may not answer until that silo is declared dead: try again
            // soon rather than hold up this look or wait for the lease.
            await grains.GetGrain(grain).AsReference<IWakeUpTarget>().WakeAsync().WaitAsync(_options.WakeTimeout, Time);
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
            await book.BookAsync(grain, Time.GetUtcNow() + _options.PollInterval);
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
