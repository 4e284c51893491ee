using Conversations.Accounts;
using Conversations.Agents;
using Conversations.Channels;
using Conversations.Conversations;
using Conversations.Domain;

namespace Conversations.Gateway.Supervision;

/// <summary>Gathers what the supervisor console shows from the grains that know it, each asked once per read.</summary>
public static class SupervisionReading
{
    /// <summary>A router queue per configured channel type, and every pull list a channel parks on.</summary>
    public static async Task<WaitingWork> WaitingWorkAsync(IClusterClient cluster)
    {
        var catalog = Catalog(cluster);
        var types = await catalog.ListChannelTypesAsync();
        var listNames = (await catalog.ListChannelsAsync())
            .Where(c => c.RoutingMode == RoutingMode.Pull && c.PullListName is not null)
            .Select(c => c.PullListName!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var queues = Task.WhenAll(types.Select(async t =>
            WaitingLine.Of(t.Code, await cluster.Get<IRouterGrain>(GrainKeys.Router(t.Code)).GetQueueAsync())));
        var lists = Task.WhenAll(listNames.Select(async name =>
            WaitingLine.Of(name, await cluster.Get<IPullListGrain>(GrainKeys.PullList(name)).ListAsync())));
        return new WaitingWork(await queues, await lists);
    }

    /// <summary>Every enabled account with the agent role, with its agent's view.</summary>
    public static async Task<IReadOnlyList<SupervisedAgent>> AgentsAsync(IClusterClient cluster)
    {
        var users = (await cluster.Get<IUserDirectoryGrain>(0).ListAsync()).Where(u => !u.Disabled && u.Roles.Contains(Roles.Agent));
        return await Task.WhenAll(users.Select(async user =>
        {
            var agent = await cluster.Get<IAgentGrain>(GrainKeys.Agent(user.Id)).GetAsync();
            return new SupervisedAgent(user.Id, user.DisplayName, agent, AgentCapacity.Load(agent?.Tasks ?? []));
        }));
    }

    /// <summary>The conversations not yet closed, the oldest first; only those on a channel of the type when one is given.</summary>
    public static async Task<IReadOnlyList<SupervisedConversation>> ConversationsAsync(IClusterClient cluster, string? channelTypeCode)
    {
        var catalog = Catalog(cluster);
        var live = LiveConversationBooks.ListAllAsync(cluster);
        var connectorTypes = (await catalog.ListConnectorsAsync()).ToDictionary(c => c.Id, c => c.ChannelTypeCode, StringComparer.Ordinal);
        var channelTypes = (await catalog.ListChannelsAsync()).ToDictionary(
            c => c.ServiceIdentifier, c => connectorTypes.GetValueOrDefault(c.ConnectorId), StringComparer.Ordinal);
        return [.. (await live).Select(c => new SupervisedConversation(
            c.ConversationId, c.CustomerId, c.State, c.CreatedAt, c.StateSince, c.ServiceIdentifier,
            c.ServiceIdentifier is null ? null : channelTypes.GetValueOrDefault(c.ServiceIdentifier),
            c.AgentIds, c.OpenTaskId)).Where(c => channelTypeCode is null || c.ChannelTypeCode == channelTypeCode)];
    }

    private static IChannelCatalogGrain Catalog(IClusterClient cluster) => cluster.Get<IChannelCatalogGrain>(GrainKeys.CatalogKey);
}
