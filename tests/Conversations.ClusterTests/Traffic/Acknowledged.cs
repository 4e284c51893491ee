namespace Conversations.ClusterTests.Traffic;

/// <summary>A message the gateway answered 202 for, when the customer first tried to send it and when the answer came.</summary>
public sealed record Acknowledged(
    string ServiceIdentifier,
    string ConnectorMessageId,
    string ConversationId,
    string ChannelSessionId,
    DateTimeOffset FirstAttemptAt,
    DateTimeOffset AcknowledgedAt,
    int Attempts);
