using System.Text.RegularExpressions;
using Conversations.Agents;

namespace Conversations.Domain;

/// <summary>What agents may do: sign in with a sane profile, and hold tasks up to their capacity.</summary>
public static partial class AgentRules
{
    public const int MaxCapacityPerType = 50;
    public const int MaxWrapUpCodes = 20;
    public const int MaxWrapUpNotesLength = 4000;

    public static void ValidateAgentId(string agentId)
    {
        if (!AgentIdPattern().IsMatch(agentId))
        {
            throw DomainException.Invalid("An agent id is 1 to 64 letters, digits, '.', '-' or '_'.");
        }
    }

    public static void Validate(AgentProfile profile)
    {
        if (string.IsNullOrWhiteSpace(profile.Name) || profile.Name.Length > ChannelCatalogRules.MaxNameLength)
        {
            throw DomainException.Invalid($"An agent name of 1 to {ChannelCatalogRules.MaxNameLength} characters is required.");
        }

        if (profile.Capacity.Count == 0)
        {
            throw DomainException.Invalid("An agent needs a capacity for at least one channel type, such as {\"WEB\": 4}.");
        }

        foreach (var (type, slots) in profile.Capacity)
        {
            if (!ChannelTypeCodePattern().IsMatch(type) || slots is < 0 or > MaxCapacityPerType)
            {
                throw DomainException.Invalid($"Capacity for '{type}' must be 0 to {MaxCapacityPerType} tasks of an existing channel type code.");
            }
        }
    }

    public static void ValidateWrapUp(IReadOnlyList<string> codes, string? notes)
    {
        if (codes.Count > MaxWrapUpCodes || codes.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 64))
        {
            throw DomainException.Invalid($"Up to {MaxWrapUpCodes} wrap-up codes of 1 to 64 characters.");
        }

        if (notes is { Length: > MaxWrapUpNotesLength })
        {
            throw DomainException.Invalid($"Wrap-up notes are at most {MaxWrapUpNotesLength} characters.");
        }
    }

    /// <summary>Tasks that take up a slot: offered (reserved), in hand, or in wrap-up (after-call work).</summary>
    public static bool HoldsCapacity(AgentTaskStatus state) => state is AgentTaskStatus.Offered or AgentTaskStatus.Active or AgentTaskStatus.WrapUp;

    /// <summary>
    /// How many more tasks of the type the agent can take. Capacity is blended across channel types: a task
    /// takes 1/capacity of the agent, so with VOICE 1 and WEB 4 an agent handles one call or up to four chats,
    /// not both. Counted in whole units (the least common multiple of the capacities), so no rounding.
    /// </summary>
    public static int FreeCapacity(IReadOnlyDictionary<string, int> capacity, IEnumerable<AgentTaskRef> tasks, string channelTypeCode)
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

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex AgentIdPattern();

    [GeneratedRegex("^[A-Z0-9_]{1,32}$")]
    private static partial Regex ChannelTypeCodePattern();
}
