namespace Conversations.ClusterTests.Traffic;

/// <summary>A message the gateway answered 202 for, and when the customer first tried to send it.</summary>
public sealed record Acknowledged(
    string ServiceIdentifier,
    string ConnectorMessageId,
    string ConversationId,
    DateTimeOffset FirstAttemptAt,
    int Attempts);
