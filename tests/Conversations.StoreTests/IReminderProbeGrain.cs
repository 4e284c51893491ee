namespace Conversations.StoreTests;

/// <summary>A grain that registers one reminder and reports each time it fires.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan dueTime, TimeSpan period);

    Task StopAsync();
}
