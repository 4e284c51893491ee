namespace Conversations.Timing;

/// <summary>How silos read the wake-up book (configuration section <c>WakeUps</c>).</summary>
public sealed class WakeUpOptions
{
    public const string Section = "WakeUps";

    /// <summary>How often each silo looks for due deadlines: the most a deadline is acted on late.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one wake may take before it counts as failed and is tried again shortly.</summary>
    public TimeSpan WakeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a taken entry waits before a silo may try its grain again. Only a silo that died while waking it
    /// leaves an entry taken (a woken grain books again or cancels), so this is what such a crash adds to a deadline;
    /// a wake that outlasts it may come twice, which does no harm.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Entries one silo takes per look; the rest wait for the next look, of this silo or another.</summary>
    public int BatchSize { get; set; } = 500;
}
