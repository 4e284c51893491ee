namespace Conversations.Bench;

/// <summary>
/// The second half of issue 13's target 4: grains that left memory come back right. Before the memory phase some
/// customers each open a conversation, so theirs leave memory before any the phase opens; after it each writes again
/// and must land in the conversation it opened.
/// </summary>
public static class Reactivation
{
    private const string Phase = "returning";

    public static Task<string?[]> OpenAsync(MessageLoad load, int customers) =>
        Task.WhenAll(Enumerable.Range(0, customers).Select(c => load.ConversationOfAsync(Phase, c, 0)));

    /// <returns>How many landed in the conversation they opened, how many in another, how many failed (either time).</returns>
    public static async Task<(int Same, int Other, int Failed)> WriteAgainAsync(MessageLoad load, string?[] opened)
    {
        var again = await Task.WhenAll(opened.Select((_, c) => load.ConversationOfAsync(Phase, c, 1)));
        var pairs = opened.Zip(again).ToList();
        var failed = pairs.Count(p => p.First is null || p.Second is null);
        var same = pairs.Count(p => p.First is not null && p.First == p.Second);
        return (same, pairs.Count - same - failed, failed);
    }
}
