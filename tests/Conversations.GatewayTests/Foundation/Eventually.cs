namespace Conversations.GatewayTests.Foundation;

/// <summary>Polls for work the system finishes after a call returns (webhook retries, one-way notifications).</summary>
internal static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public static async Task<T> MatchesAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        var value = await read();
        while (!condition(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
            value = await read();
        }

        return value;
    }

    public static Task<T> MatchesAsync<T>(Func<T> read, Func<T, bool> condition) =>
        MatchesAsync(() => Task.FromResult(read()), condition);
}
