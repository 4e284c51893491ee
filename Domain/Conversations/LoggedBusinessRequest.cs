namespace Conversations.Conversations;

/// <summary>
/// A business message the conversation logged for a client's request id, so the same request arriving again (its answer
/// was lost on the way back) is answered with this instead of sending a second message.
/// </summary>
public sealed record LoggedBusinessRequest(string RequestId, long Sequence, string ChannelSessionId, bool JoinedLive);
