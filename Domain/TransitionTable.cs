namespace Conversations.Domain;

/// <summary>
/// Outcome of applying an event: the states passed through (empty when accepted without a change),
/// or a rejection with the state left as it was.
/// </summary>
public sealed record Transition<TState, TEvent>(TState From, TEvent Event, IReadOnlyList<TState> Path, string? Rejection)
    where TState : struct, Enum
    where TEvent : struct, Enum
{
    public bool Accepted => Rejection is null;

    public TState State => Path.Count > 0 ? Path[^1] : From;
}

/// <summary>
/// A state machine as an explicit table of (state, event) → path, where a rule may consult facts.
/// Pairs missing from the table are rejected. A path of two states records a pass through a state
/// that is left at once.
/// </summary>
public sealed class TransitionTable<TState, TEvent, TFacts>(
    IReadOnlyDictionary<(TState State, TEvent Event), Func<TFacts, IReadOnlyList<TState>>> rules)
    where TState : struct, Enum
    where TEvent : struct, Enum
{
    public static readonly IReadOnlyList<TState> Stay = [];

    public Transition<TState, TEvent> Apply(TState state, TEvent @event, TFacts facts) =>
        rules.TryGetValue((state, @event), out var rule)
            ? new Transition<TState, TEvent>(state, @event, rule(facts), null)
            : new Transition<TState, TEvent>(state, @event, Stay, $"{@event} is not allowed in state {state}.");
}
