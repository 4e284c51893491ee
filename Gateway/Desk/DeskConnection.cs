using System.Threading.Channels;
using Conversations.Agents;

namespace Conversations.Gateway.Desk;

/// <summary>One open event stream of an agent desk: the silo's observer calls land in a queue the stream drains.</summary>
public sealed class DeskConnection : IAgentObserver
{
    private readonly Channel<AgentEvent> _events = Channel.CreateUnbounded<AgentEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<AgentEvent> Events => _events.Reader;

    public Task OnAgentEventAsync(AgentEvent agentEvent)
    {
        _events.Writer.TryWrite(agentEvent);
        return Task.CompletedTask;
    }
}
