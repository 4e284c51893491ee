namespace Conversations.Health;

/// <summary>Answers at once, touching no state: a gateway's readiness probe that the cluster serves grain calls.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    Task PingAsync();
}
