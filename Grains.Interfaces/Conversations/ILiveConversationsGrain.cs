namespace Conversations.Conversations;

/// <summary>
/// The conversations not yet closed, for supervisors (single instance, key 0): each conversation reports itself
/// here after a change of state, channel or agents, and once more when it has closed.
/// </summary>
public interface ILiveConversationsGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task RecordAsync(LiveConversation report);

    /// <summary>The live conversations, the oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<LiveConversation>> ListAsync();
}
