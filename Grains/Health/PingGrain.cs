namespace Conversations.Health;

[StatelessWorker]
public sealed class PingGrain : Grain, IPingGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
