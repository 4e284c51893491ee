using System.Text.RegularExpressions;
using Conversations.Agents;

namespace Conversations.Domain;

/// <summary>
/// One agent's availability: signing in and out, presence, the tasks it is offered and works, and what
/// routers must hear of it. Routers are told only the channel types whose availability changed (blended
/// capacity links them), each time with a new revision.
/// </summary>
public static partial class AgentRules
{
    public const int MaxCapacityPerType = 50;

    public const int MaxReasonLength = 40;

    /// <summary>The reason an agent is set not ready when an offer to it ran out unanswered.</summary>
    public const string MissedOfferReason = "Missed offer";

    private static readonly IReadOnlyDictionary<string, AgentAvailability> NoRouters = new Dictionary<string, AgentAvailability>();

    public static AgentDecision Decide(AgentSnapshot agent, AgentSignal signal, DateTimeOffset now) => signal switch
    {
        AgentSignal.SignIn signIn => Outcome(agent, SignIn(agent, signIn.Profile, now)),
        AgentSignal.SignOut => Outcome(agent, SignOut(agent, now)),
        AgentSignal.SetPresence presence => Outcome(agent, SetPresence(agent, presence.Presence, presence.Reason, now)),
        AgentSignal.TaskActed acted => Outcome(agent, Track(agent, acted.Task, acted.HolderId, now)) with { Desk = AgentEventKind.TaskChanged },
        AgentSignal.TaskChanged changed => TaskChanged(agent, changed, now),
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown agent signal."),
    };

    public static void ValidateAgentId(string agentId, string? field = null)
    {
        if (!AgentIdPattern().IsMatch(agentId))
        {
            throw DomainException.Invalid("An agent id is 1 to 64 letters, digits, '.', '-' or '_'.", field);
        }
    }

    public static void Validate(AgentProfile profile)
    {
        TextRules.RequireLine(profile.Name, "agent name", ChannelCatalogRules.MaxNameLength);
        if (profile.Capacity.Count == 0)
        {
            throw DomainException.Invalid("An agent needs a capacity for at least one channel type, such as {\"WEB\": 4}.");
        }

        foreach (var (type, slots) in profile.Capacity)
        {
            if (!ChannelCatalogRules.IsChannelTypeCode(type) || slots is < 0 or > MaxCapacityPerType)
            {
                throw DomainException.Invalid($"Capacity for '{type}' must be 0 to {MaxCapacityPerType} tasks of an existing channel type code.");
            }
        }
    }

    public static void RequireSignedIn(AgentSnapshot agent)
    {
        if (!agent.SignedIn)
        {
            throw DomainException.Conflict($"Agent {agent.Id} is not signed in.");
        }
    }

    /// <summary>The task the agent holds in one of the states an action needs.</summary>
    public static AgentTaskRef RequireTask(AgentSnapshot agent, string taskId, params AgentTaskStatus[] states)
    {
        RequireSignedIn(agent);
        var held = agent.Tasks.FirstOrDefault(t => t.TaskId == taskId)
            ?? throw DomainException.NotFound($"Agent {agent.Id} holds no task {taskId}.");
        return states.Contains(held.State)
            ? held
            : throw DomainException.Conflict($"Task {taskId} is {held.State}, not {string.Join(" or ", states)}.");
    }

    /// <summary>
    /// Pulling a task, or being given one by a supervisor, needs a free slot for its channel type (presence does
    /// not matter: the agent or the supervisor chose it).
    /// </summary>
    public static void RequireRoomFor(AgentSnapshot agent, string channelTypeCode)
    {
        if (agent.FreeCapacity(channelTypeCode) <= 0)
        {
            throw DomainException.Conflict($"Agent {agent.Id} has no free capacity for {channelTypeCode} tasks.");
        }
    }

    /// <summary>What signing out turns down first; refused while the agent has tasks in hand.</summary>
    public static IReadOnlyList<string> OffersToTurnDown(AgentSnapshot agent)
    {
        RequireNothingInHand(agent);
        return agent.Tasks.Where(t => t.State == AgentTaskStatus.Offered).Select(t => t.TaskId).ToList();
    }

    private static AgentSnapshot SignIn(AgentSnapshot agent, AgentProfile profile, DateTimeOffset now)
    {
        ValidateAgentId(agent.Id);
        Validate(profile);
        var profiled = agent with
        {
            Name = profile.Name,
            Capacity = new Dictionary<string, int>(profile.Capacity, StringComparer.Ordinal),
            SignedIn = true,
        };
        // Signing in again only updates the profile; signing in afresh starts not ready.
        return agent.SignedIn ? profiled : Enter(profiled, AgentPresence.NotReady, null, now);
    }

    /// <summary>A not-ready reason must be one the controller settings name (the desk offers those); none is fine.</summary>
    public static void RequireConfiguredReason(string? reason, IReadOnlyList<string> configured)
    {
        if (reason is not null && !configured.Contains(reason, StringComparer.Ordinal))
        {
            throw DomainException.Invalid($"'{reason}' is not a not-ready reason ({string.Join(", ", configured)}).", "reason");
        }
    }

    private static AgentSnapshot SignOut(AgentSnapshot agent, DateTimeOffset now)
    {
        RequireNothingInHand(agent);
        return agent.SignedIn ? Enter(agent with { SignedIn = false }, AgentPresence.NotReady, null, now) : agent;
    }

    private static AgentSnapshot SetPresence(AgentSnapshot agent, AgentPresence presence, string? reason, DateTimeOffset now)
    {
        RequireSignedIn(agent);
        if (!Enum.IsDefined(presence))
        {
            throw DomainException.Invalid($"Presence is one of {string.Join(", ", Enum.GetNames<AgentPresence>())}.");
        }

        if (reason is not null && presence != AgentPresence.NotReady)
        {
            throw DomainException.Invalid("Only not ready takes a reason.");
        }

        if (reason is not null)
        {
            TextRules.RequireLine(reason, "not-ready reason", MaxReasonLength);
        }

        return (presence, reason) == (agent.Presence, agent.NotReadyReason) ? agent : Enter(agent, presence, reason, now);
    }

    /// <summary>A new presence starts now; becoming ready also starts the agent's idle time.</summary>
    private static AgentSnapshot Enter(AgentSnapshot agent, AgentPresence presence, string? reason, DateTimeOffset now) => agent with
    {
        Presence = presence,
        NotReadyReason = reason,
        PresenceSince = now,
        AvailableSince = presence == AgentPresence.Ready ? now : agent.AvailableSince,
    };

    private static AgentDecision TaskChanged(AgentSnapshot agent, AgentSignal.TaskChanged changed, DateTimeOffset now)
    {
        var (task, holderId, endReason) = (changed.Task, changed.HolderId, changed.EndReason);
        var mine = holderId == agent.Id;
        var held = agent.Tasks.FirstOrDefault(t => t.TaskId == task.TaskId);
        if (mine && held is null && task.State == AgentTaskStatus.Offered && !CanTake(agent, task.ChannelTypeCode, changed.Reassigned))
        {
            // Offered on an availability that changed meanwhile: hand it straight back, and tell the router again.
            return Outcome(agent, agent, retell: task.ChannelTypeCode) with { HandBack = true };
        }

        if (held is null && !mine)
        {
            return Outcome(agent, agent);
        }

        // Withdrawn: back to the queue, abandoned, or reassigned to someone else.
        var withdrawn = held?.State == AgentTaskStatus.Offered && (task.State is AgentTaskStatus.Queued or AgentTaskStatus.Abandoned || !mine);
        // An offer the agent held going back to the queue on its own was not answered in time: the agent is not ready any more.
        var unanswered = withdrawn && task.State == AgentTaskStatus.Queued;
        return Outcome(agent, Track(unanswered ? Enter(agent, AgentPresence.NotReady, MissedOfferReason, now) : agent, task, holderId, now)) with
        {
            // A task in hand offered to someone else was transferred away: a change for this agent, not an offer.
            Desk = withdrawn ? AgentEventKind.OfferWithdrawn : task.State == AgentTaskStatus.Offered && mine ? AgentEventKind.Offer : AgentEventKind.TaskChanged,
            // One path out per cause: a task ended because the customer left was ended by the conversation, which took the agent out itself.
            LeftConversation = held?.State is AgentTaskStatus.Active or AgentTaskStatus.WrapUp && AgentTaskStateMachine.IsFinished(task.State)
                && endReason != AgentTaskEndReason.CustomerLeft,
        };
    }

    /// <summary>
    /// Keeps the held tasks in step with a task: held while offered to or worked by the agent. A held task
    /// that finishes restarts the agent's idle time, which routing counts for "longest idle".
    /// </summary>
    private static AgentSnapshot Track(AgentSnapshot agent, AgentTaskRef task, string? holderId, DateTimeOffset now)
    {
        var known = agent.Tasks.FirstOrDefault(t => t.TaskId == task.TaskId);
        var others = agent.Tasks.Where(t => t.TaskId != task.TaskId);
        if (holderId == agent.Id && !AgentTaskStateMachine.IsFinished(task.State) && task.State != AgentTaskStatus.Queued)
        {
            return task == known ? agent : agent with { Tasks = [.. others, task] };
        }

        return known is null ? agent
            // Finished, or in hand and transferred to someone else: the agent is free of it as of now.
            : AgentTaskStateMachine.IsFinished(task.State) || known.State == AgentTaskStatus.Active ? agent with { Tasks = [.. others], AvailableSince = now }
            : agent with { Tasks = [.. others] };
    }

    /// <summary>
    /// Whether a new offer fits next to everything the agent holds (its own offers included). A supervisor may
    /// give a task to an agent who is not ready; signed in is enough.
    /// </summary>
    private static bool CanTake(AgentSnapshot agent, string channelTypeCode, bool reassigned) =>
        (reassigned ? agent.SignedIn : agent.Ready) && agent.FreeCapacity(channelTypeCode) > 0;

    private static void RequireNothingInHand(AgentSnapshot agent)
    {
        if (agent.Tasks.Any(t => t.State is AgentTaskStatus.Active or AgentTaskStatus.WrapUp))
        {
            throw DomainException.Conflict($"Agent {agent.Id} still has tasks in hand; finish them before signing out.");
        }
    }

    /// <summary>
    /// The routers to tell: those of every channel type, worked now or before, whose availability differs,
    /// and <paramref name="retell"/>'s whatever it is. Telling takes a new revision.
    /// </summary>
    private static AgentDecision Outcome(AgentSnapshot before, AgentSnapshot after, string? retell = null)
    {
        var types = before.Capacity.Keys.Union(after.Capacity.Keys)
            .Where(type => before.AvailabilityFor(type) != after.AvailabilityFor(type))
            .Union(retell is null ? [] : [retell])
            .ToList();
        if (types.Count == 0)
        {
            return new AgentDecision(after, !Same(before, after), NoRouters);
        }

        var told = after with { Revision = after.Revision + 1 };
        return new AgentDecision(told, true, types.ToDictionary(type => type, told.AvailabilityFor, StringComparer.Ordinal));
    }

    private static bool Same(AgentSnapshot a, AgentSnapshot b) =>
        (a.Name, a.SignedIn, a.Presence, a.NotReadyReason, a.PresenceSince, a.AvailableSince, a.Revision)
            == (b.Name, b.SignedIn, b.Presence, b.NotReadyReason, b.PresenceSince, b.AvailableSince, b.Revision)
        && a.Capacity.Count == b.Capacity.Count
        && a.Capacity.All(c => b.Capacity.TryGetValue(c.Key, out var slots) && slots == c.Value)
        && a.Tasks.SequenceEqual(b.Tasks);

    // \z, not $: $ also matches before a final line break.
    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex AgentIdPattern();
}
