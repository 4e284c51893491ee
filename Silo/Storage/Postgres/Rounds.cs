namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// Splits a batch whose requests may name the same row more than once into rounds (indexes into the batch, in
/// order) that name each row once: one statement cannot touch a row twice (ON CONFLICT DO UPDATE refuses, UPDATE
/// FROM picks one match at random), and run round after round the requests meet their row in the order they came,
/// as they would in batches of their own.
/// </summary>
internal static class Rounds
{
    public static IReadOnlyList<IReadOnlyList<int>> Of<TKey>(IReadOnlyList<TKey> keys)
        where TKey : notnull
    {
        var seen = new Dictionary<TKey, int>();
        var rounds = new List<List<int>>();
        for (var i = 0; i < keys.Count; i++)
        {
            var round = seen.GetValueOrDefault(keys[i]);
            seen[keys[i]] = round + 1;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(i);
        }

        return rounds;
    }
}
