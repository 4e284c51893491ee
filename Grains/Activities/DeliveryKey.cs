namespace Conversations.Activities;

/// <summary>A bot or agent message by its place in the log.</summary>
public readonly record struct DeliveryKey(string ConversationId, long Sequence);
