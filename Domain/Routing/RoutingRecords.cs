using Conversations.Channels;

namespace Conversations.Agents;

/// <summary>
/// What the router needs to know of an agent to choose among agents for one channel type. One-way
/// updates may arrive out of order: the router keeps the one with the highest revision.
/// </summary>
public sealed record AgentAvailability(
    string AgentId,
    bool Ready,
    int FreeCapacity,
    DateTimeOffset AvailableSince,
    long Revision = 0);

/// <summary>What an agent task is about; fixed when the task is created.</summary>
public sealed record AgentTaskSpec(
    string ConversationId,
    string CustomerId,
    string ServiceIdentifier,
    string ChannelTypeCode,
    RoutingMode RoutingMode,
    string? ListName,
    TimeSpan OfferTimeout,
    TimeSpan? WrapUpTimeout);

/// <summary>A task waiting on a queue or a pull list, in arrival order.</summary>
public sealed record QueuedTask(
    string TaskId,
    string ConversationId,
    string ChannelTypeCode,
    DateTimeOffset EnqueuedAt);
