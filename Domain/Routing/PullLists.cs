using Conversations.Channels;

namespace Conversations.Domain;

/// <summary>Which pull lists an agent may pull from: those of the pull channels whose channel type the agent takes work of.</summary>
public static class PullLists
{
    public static IReadOnlyList<string> For(
        IReadOnlyDictionary<string, int> capacity, IEnumerable<Channel> channels, IEnumerable<ChannelConnector> connectors)
    {
        var typeOf = connectors.ToDictionary(c => c.Id, c => c.ChannelTypeCode, StringComparer.Ordinal);
        return channels
            .Where(c => c is { RoutingMode: RoutingMode.Pull, PullListName: not null }
                && typeOf.TryGetValue(c.ConnectorId, out var type) && capacity.TryGetValue(type, out var slots) && slots > 0)
            .Select(c => c.PullListName!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
