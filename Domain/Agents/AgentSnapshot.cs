using Conversations.Domain;

namespace Conversations.Agents;

/// <summary>
/// One human agent as it stands: signed in or not, ready or not, what it can take per channel type and the tasks it holds.
/// <see cref="Revision"/> counts the availabilities it told routers, so a router can tell a newer one from an older.
/// <see cref="PresenceSince"/> is when the current presence began (a supervisor's "time in state").
/// </summary>
public sealed record AgentSnapshot(
    string Id,
    string? Name,
    bool SignedIn,
    AgentPresence Presence,
    IReadOnlyDictionary<string, int> Capacity,
    IReadOnlyList<AgentTaskRef> Tasks,
    DateTimeOffset AvailableSince,
    long Revision,
    string? NotReadyReason = null,
    DateTimeOffset PresenceSince = default)
{
    public bool Ready => SignedIn && Presence == AgentPresence.Ready;

    public int FreeCapacity(string channelTypeCode) => AgentCapacity.Free(Capacity, Tasks, channelTypeCode);

    /// <summary>What the router of the channel type knows of this agent.</summary>
    public AgentAvailability AvailabilityFor(string channelTypeCode) => new(Id, Ready, FreeCapacity(channelTypeCode), AvailableSince, Revision);
}
