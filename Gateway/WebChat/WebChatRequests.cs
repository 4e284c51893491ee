using Conversations.Activities;

namespace Conversations.Gateway.WebChat;

/// <summary>
/// A new visitor; a site that knows its logged-in user passes the user id signed with the channel's identity secret,
/// and the widget the token this browser chatted with before the user signed in, so that chat becomes the user's.
/// </summary>
public sealed record VisitorRequest(string? UserId = null, string? UserHash = null, string? PreviousToken = null);

public sealed record VisitorIssued(string Token);

/// <summary>
/// A visitor's message; its client message id makes a retried POST the same message, not a second one. It may carry
/// a file the visitor uploaded (<c>POST .../uploads</c>), and then needs no text.
/// </summary>
public sealed record VisitorMessageRequest(string ClientMessageId, string? Text = null, string? AttachmentId = null);

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
    string? ClientMessageId,
    IReadOnlyList<VisitorAttachment>? Attachments = null);

/// <summary>A file in the visitor's conversation, by a signed link (a path on the gateway) that works for an hour; a reload makes new ones.</summary>
public sealed record VisitorAttachment(string ContentType, string? Name, long? Size, string Url);
