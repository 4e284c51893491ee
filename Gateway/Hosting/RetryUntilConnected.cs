using Orleans;

namespace Conversations.Gateway.Hosting;

/// <summary>
/// Keeps trying to reach the cluster at start-up, so the gateway can start before the silos
/// (the one-command run starts both at once) and survives a cluster restart.
/// </summary>
public sealed class RetryUntilConnected(TimeProvider time) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);
    private const int MaxAttempts = 120;
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (++_attempts > MaxAttempts)
        {
            return false;
        }

        await Task.Delay(Pause, time, cancellationToken);
        return true;
    }
}
