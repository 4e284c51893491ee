namespace Conversations.ChannelSessions;

/// <summary>Everything a channel session needs to start.</summary>
public sealed record ChannelSessionOpening(
    string ConversationId,
    string CustomerId,
    string ServiceIdentifier,
    string ChannelTypeCode,
    string CustomerChannelIdentifier,
    SessionDirection Direction,
    IReadOnlyDictionary<string, string> ChannelData,
    TimeSpan InactivityTimeout);
