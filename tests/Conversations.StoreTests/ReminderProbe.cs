using System.Threading.Channels;

namespace Conversations.StoreTests;

/// <summary>
/// Where <see cref="ReminderProbeGrain"/> reports fires. Test silos run in the test process, so a static
/// channel lets a test await the next fire instead of sleeping and polling.
/// </summary>
public static class ReminderProbe
{
    private static readonly Channel<Fire> Fires = Channel.CreateUnbounded<Fire>();

    public static void Record(string key, string silo) => Fires.Writer.TryWrite(new Fire(key, silo));

    /// <summary>Waits for the next fire of the given probe; fails the test when none comes in time.</summary>
    public static async Task<Fire> NextAsync(string key, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var fire = await Fires.Reader.ReadAsync(deadline.Token);
                if (fire.Key == key)
                {
                    return fire;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Reminder probe {key} did not fire within {timeout}.");
        }
    }

    /// <summary>Forgets fires already reported, so the next wait sees only new ones.</summary>
    public static void Drain()
    {
        while (Fires.Reader.TryRead(out _))
        {
        }
    }

    public sealed record Fire(string Key, string Silo);
}
