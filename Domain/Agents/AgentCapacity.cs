using Conversations.Agents;

namespace Conversations.Domain;

/// <summary>
/// How much an agent can take. Capacity is blended across channel types: a task takes 1/capacity of the
/// agent, so with VOICE 1 and WEB 4 an agent handles one call or up to four chats, not both.
/// </summary>
public static class AgentCapacity
{
    /// <summary>
    /// How many more tasks of the type the agent can take, counted in whole units (the least common multiple
    /// of the capacities), so no rounding.
    /// </summary>
    public static int Free(IReadOnlyDictionary<string, int> capacity, IEnumerable<AgentTaskRef> tasks, string channelTypeCode)
    {
        var slots = capacity.GetValueOrDefault(channelTypeCode);
        if (slots <= 0)
        {
            return 0;
        }

        var whole = capacity.Values.Where(c => c > 0).Aggregate(1L, (lcm, c) => lcm / Gcd(lcm, c) * c);
        // A held task of a type the agent no longer takes fills the agent.
        var used = tasks.Where(t => HoldsCapacity(t.State))
            .Sum(t => capacity.GetValueOrDefault(t.ChannelTypeCode) is > 0 and var c ? whole / c : whole);
        return (int)Math.Max(0, (whole - used) / (whole / slots));
    }

    /// <summary>How many tasks of each channel type take up the agent's slots now, for supervisors to set against its capacity.</summary>
    public static IReadOnlyDictionary<string, int> Load(IEnumerable<AgentTaskRef> tasks) =>
        tasks.Where(t => HoldsCapacity(t.State)).GroupBy(t => t.ChannelTypeCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Tasks that take up a slot: offered (reserved), in hand, or in wrap-up (after-call work).</summary>
    private static bool HoldsCapacity(AgentTaskStatus state) => state is AgentTaskStatus.Offered or AgentTaskStatus.Active or AgentTaskStatus.WrapUp;

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
