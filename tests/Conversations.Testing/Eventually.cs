namespace Conversations.Testing;

/// <summary>
/// Waits for work the system finishes on its own after a call returns (one-way notifications, webhook
/// retries, timers fired by a moved clock). It polls; it never asserts on how long that took.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public static async Task<T> MatchesAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var value = await read();
            if (condition(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }

    public static Task<T> MatchesAsync<T>(Func<T> read, Func<T, bool> condition) =>
        MatchesAsync(() => Task.FromResult(read()), condition);

    /// <summary>Checks a condition keeps holding for a while, for things that must not happen.</summary>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan? window = null)
    {
        var until = DateTime.UtcNow + (window ?? TimeSpan.FromSeconds(1));
        var value = await read();
        while (condition(value) && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
            value = await read();
        }

        return value;
    }
}
