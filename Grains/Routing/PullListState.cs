namespace Conversations.Agents;

[GenerateSerializer]
public sealed class PullListState
{
    [Id(0)]
    public List<QueuedTask> Parked { get; set; } = [];
}
