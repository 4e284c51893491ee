namespace Conversations.Timing;

/// <summary>
/// A grain with a deadline in the wake-up book. Whichever silo finds the deadline due calls this; the grain
/// looks at its own state to see what is due, so a call that comes early, late or twice does no harm.
/// </summary>
public interface IWakeUpTarget : IGrainWithStringKey
{
    Task WakeAsync();
}
