using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace Conversations.Timing;

/// <summary>
/// Watches one deadline of a grain: a grain timer fires on time while the grain is active, and a reminder
/// is the durable backstop that reactivates the grain after a restart. The deadline itself lives in the
/// grain's state; the reminder only says "look again", so moving the deadline never re-registers it.
/// </summary>
internal sealed class DeadlineWatch(Grain grain, string reminderName, TimeProvider time, Func<Task> onDue)
{
    /// <summary>Orleans' own floor for reminder periods, used when the silo has no ReminderOptions.</summary>
    public static readonly TimeSpan DefaultMinimumReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _timer;

    /// <summary>Registers the reminder and arms the timer.</summary>
    public async Task StartAsync(DateTimeOffset deadline, TimeSpan reminderPeriod)
    {
        // The silo's configured floor (Silo:Reminders:MinimumReminderPeriod) rather than a fixed minute, so a
        // silo tuned for fast failover also gets its backstop ticks sooner; Orleans refuses anything below it.
        var minimum = grain.GrainContext.ActivationServices.GetService<IOptions<ReminderOptions>>()?.Value.MinimumReminderPeriod
            ?? DefaultMinimumReminderPeriod;
        var period = reminderPeriod > minimum ? reminderPeriod : minimum;
        await grain.RegisterOrUpdateReminder(reminderName, period, period);
        Arm(deadline);
    }

    /// <summary>Re-arms the timer only (after activation, or when the deadline moved).</summary>
    public void Arm(DateTimeOffset deadline)
    {
        var due = deadline - time.GetUtcNow();
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        if (_timer is null)
        {
            _timer = grain.RegisterGrainTimer(onDue, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = false });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    public async Task StopAsync()
    {
        _timer?.Dispose();
        _timer = null;
        await grain.UnregisterReminderIfAnyAsync(reminderName);
    }
}
