using Conversations.Conversations;
using static Conversations.Conversations.ConversationEvent;
using static Conversations.Conversations.ConversationState;

namespace Conversations.Domain;

/// <summary>Configuration the state machine consults where the product's rules depend on it.</summary>
public readonly record struct ConversationFacts(bool WrapUpConfigured);

/// <summary>
/// Outcome of applying an event: the states passed through (empty when accepted without a change),
/// or a rejection with the state left as it was.
/// </summary>
public sealed record TransitionResult(
    ConversationState From,
    ConversationEvent Event,
    IReadOnlyList<ConversationState> Path,
    string? Rejection)
{
    public bool Accepted => Rejection is null;

    public ConversationState State => Path.Count > 0 ? Path[^1] : From;
}

/// <summary>
/// The conversation state machine as one explicit table, from the product's documentation:
/// Created (bot only) → Active (an agent is in) → CustomerLeft / WrapUp / Inactive → Closing → Closed.
/// A path of two states records a pass through a state that is left at once, such as CustomerLeft
/// when nobody else is in the conversation.
/// </summary>
public static class ConversationStateMachine
{
    private delegate IReadOnlyList<ConversationState>? Rule(ConversationFacts facts);

    private static readonly IReadOnlyList<ConversationState> Stay = [];

    private static readonly Dictionary<(ConversationState, ConversationEvent), Rule> Table = new()
    {
        [(Created, CustomerSessionOpened)] = _ => Stay,
        [(Created, AllCustomerSessionsClosed)] = _ => [CustomerLeft, Closing],
        [(Created, AgentJoined)] = _ => [Active],

        [(Active, CustomerSessionOpened)] = _ => Stay,
        [(Active, AllCustomerSessionsClosed)] = f => f.WrapUpConfigured ? [WrapUp] : [CustomerLeft],
        [(Active, AgentJoined)] = _ => Stay,
        [(Active, AllAgentsLeft)] = _ => [Inactive],

        [(CustomerLeft, CustomerSessionOpened)] = _ => [Active],
        [(CustomerLeft, AllAgentsLeft)] = _ => [Closing],

        [(WrapUp, CustomerSessionOpened)] = _ => [Active],
        [(WrapUp, AllAgentsLeft)] = _ => [Closing],

        [(Inactive, CustomerSessionOpened)] = _ => Stay,
        [(Inactive, AllCustomerSessionsClosed)] = _ => [CustomerLeft, Closing],
        [(Inactive, AgentJoined)] = _ => [Active],

        [(Closing, HouseKeepingCompleted)] = _ => [Closed],
    };

    public static TransitionResult Apply(ConversationState state, ConversationEvent @event, ConversationFacts facts)
    {
        var path = Table.TryGetValue((state, @event), out var rule) ? rule(facts) : null;
        return path is null
            ? new TransitionResult(state, @event, Stay, $"{@event} is not allowed in state {state}.")
            : new TransitionResult(state, @event, path, null);
    }

    /// <summary>Whether the conversation still takes customer messages (a new one starts otherwise).</summary>
    public static bool IsLive(ConversationState state) => state is not (Closing or Closed);
}
