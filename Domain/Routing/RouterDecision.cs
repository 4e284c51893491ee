using Conversations.Agents;

namespace Conversations.Domain;

/// <summary>A task the router offers to an agent.</summary>
public sealed record TaskOffer(QueuedTask Task, string AgentId);

/// <summary>
/// What a router does with a signal: its queue afterwards, whether that needs storing, and the offers
/// to make, in order. Each offer's outcome comes back as a signal of its own.
/// </summary>
public sealed record RouterDecision(RouterQueue Queue, bool Changed, IReadOnlyList<TaskOffer> Offers);
