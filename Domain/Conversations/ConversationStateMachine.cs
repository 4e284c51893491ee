using Conversations.Conversations;
using static Conversations.Conversations.ConversationEvent;
using static Conversations.Conversations.ConversationStatus;

namespace Conversations.Domain;

/// <summary>Configuration the state machine consults where the product's rules depend on it.</summary>
public readonly record struct ConversationFacts(bool WrapUpConfigured);

/// <summary>
/// The conversation state machine, from the product's documentation: Created (bot only) → Active (an
/// agent is in) → CustomerLeft / WrapUp / Inactive → Closing → Closed. CustomerLeft with nobody else in
/// the conversation is passed through on the way to Closing.
/// </summary>
public static class ConversationStateMachine
{
    private static readonly IReadOnlyList<ConversationStatus> Stay = TransitionTable<ConversationStatus, ConversationEvent, ConversationFacts>.Stay;

    private static readonly TransitionTable<ConversationStatus, ConversationEvent, ConversationFacts> Table = new(
        new Dictionary<(ConversationStatus, ConversationEvent), Func<ConversationFacts, IReadOnlyList<ConversationStatus>>>
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
        });

    public static Transition<ConversationStatus, ConversationEvent> Apply(ConversationStatus state, ConversationEvent @event, ConversationFacts facts) =>
        Table.Apply(state, @event, facts);

    /// <summary>Whether the conversation still takes customer messages (a new one starts otherwise).</summary>
    public static bool IsLive(ConversationStatus state) => state is not (Closing or Closed);
}
