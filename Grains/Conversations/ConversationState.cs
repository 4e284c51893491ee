using Conversations.Channels;

namespace Conversations.Conversations;

/// <summary>
/// A conversation's durable state: small and written on transitions only. Messages live in the activity log.
/// </summary>
[GenerateSerializer]
public sealed class ConversationState
{
    [Id(0)]
    public string? CustomerId { get; set; }

    [Id(1)]
    public ConversationStatus State { get; set; }

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(3)]
    public List<StateChange> History { get; set; } = [];

    [Id(4)]
    public List<SessionRef> Sessions { get; set; } = [];

    [Id(5)]
    public List<Participant> Participants { get; set; } = [];

    /// <summary>The controller configuration taken when the conversation started, so it behaves consistently.</summary>
    [Id(6)]
    public ControllerSettings Settings { get; set; } = ControllerSettings.Default;

    [Id(7)]
    public bool WrapUpConfigured { get; set; }

    /// <summary>The agent task requested for this conversation and not yet over, if any.</summary>
    [Id(8)]
    public string? OpenTaskId { get; set; }

    /// <summary>Where the customer wrote last: agent messages go there unless the agent names a session.</summary>
    [Id(9)]
    public string? LastActiveSessionId { get; set; }
}

/// <summary>What the conversation remembers of each of its channel sessions; the rest is in the session grain.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionRef(
    [property: Id(0)] string Id,
    [property: Id(1)] string ServiceIdentifier,
    [property: Id(2)] string CustomerChannelIdentifier,
    [property: Id(3)] bool IsOpen);
