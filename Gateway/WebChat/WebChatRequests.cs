using Conversations.Activities;

namespace Conversations.Gateway.WebChat;

/// <summary>A new visitor; a site that knows its logged-in user passes the user id signed with the channel's identity secret.</summary>
public sealed record VisitorRequest(string? UserId = null, string? UserHash = null);

public sealed record VisitorIssued(string Token);

/// <summary>A visitor's message; its client message id makes a retried POST the same message, not a second one.</summary>
public sealed record VisitorMessageRequest(string Text, string ClientMessageId);

public sealed record VisitorMessageAccepted(long Sequence, bool Duplicate);

/// <summary>The visitor's browser showed (DELIVERED) or the visitor saw (READ) the messages up to a sequence.</summary>
public sealed record ReceiptRequest(DeliveryOutcome Outcome, long UpToSequence);

public sealed record ReceiptsRecorded(int Messages);

/// <summary>
/// What a visitor's stream shows of one activity: who wrote what, when. Agents' ids stay inside; the customer's own
/// messages carry the client message id they were sent with, so the page can match them to what it showed as sending.
/// </summary>
public sealed record VisitorEvent(
    string ConversationId,
    long Sequence,
    ParticipantRole From,
    string? Text,
    DateTimeOffset OccurredAt,
    string? ClientMessageId);
