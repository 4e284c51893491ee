using Conversations.Activities;

namespace Conversations.Conversations;

/// <summary>
/// A conversation not yet closed, as supervisors watch it: its state and since when, the channel the customer
/// wrote on last, the agents in it now and its open agent task. <paramref name="ReportedAt"/> orders the reports
/// a conversation sends one way, which may arrive out of order.
/// </summary>
public sealed record LiveConversation(
    string ConversationId,
    string CustomerId,
    ConversationStatus State,
    DateTimeOffset CreatedAt,
    DateTimeOffset StateSince,
    string? ServiceIdentifier,
    IReadOnlyList<string> AgentIds,
    string? OpenTaskId,
    DateTimeOffset ReportedAt)
{
    /// <summary>The entry a conversation's state stands for; null before it has started.</summary>
    public static LiveConversation? Of(string conversationId, ConversationState state, DateTimeOffset now)
    {
        if (state.CustomerId is null)
        {
            return null;
        }

        var lastActive = state.Sessions.FirstOrDefault(s => s.Id == state.LastActiveSessionId) ?? state.Sessions.LastOrDefault();
        return new LiveConversation(
            conversationId,
            state.CustomerId,
            state.Status,
            state.CreatedAt,
            state.History.LastOrDefault()?.At ?? state.CreatedAt,
            lastActive?.ServiceIdentifier,
            // A list, not a collection expression: grain state is stored as JSON that names the list's type.
            state.Participants.Where(p => p.Role == ParticipantRole.Agent && p.LeftAt is null).Select(p => p.Id).Distinct(StringComparer.Ordinal).ToList(),
            state.OpenTaskId,
            now);
    }

    /// <summary>Whether the entry shows the same as <paramref name="other"/>, whenever each was reported.</summary>
    public bool ShowsTheSameAs(LiveConversation? other) =>
        other is not null
        && this with { AgentIds = other.AgentIds, ReportedAt = other.ReportedAt } == other
        && AgentIds.SequenceEqual(other.AgentIds, StringComparer.Ordinal);
}
