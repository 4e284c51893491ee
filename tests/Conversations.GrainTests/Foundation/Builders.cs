using Conversations.Agents;
using Conversations.Channels;
using Conversations.Conversations;
using Conversations.Inbound;
using Conversations.Testing;

namespace Conversations.GrainTests.Foundation;

/// <summary>Makes the test data of the grain tests in one place: channels, customers and their messages.</summary>
internal sealed class Builders(IGrainFactory grains)
{
    public const string ProviderId = "test-provider";

    /// <summary>The last phone handed out; phones are counted on from it, seven digits after the prefix.</summary>
    private static int _lastPhone = 999_999;

    public IChannelCatalogGrain Catalog => grains.GetGrain<IChannelCatalogGrain>(GrainKeys.CatalogKey);

    /// <summary>A channel type of its own, so the test's agents and routers see no other test's tasks.</summary>
    public static string NewTypeCode() => "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    /// <summary>
    /// A phone no other test of the run has: the cluster makes one customer per phone, so a repeat joins the other's
    /// conversation. Drawn at random, a batch of 1000 repeated one in about one run in twenty.
    /// </summary>
    public static string NewPhone() => "+49170" + Interlocked.Increment(ref _lastPhone);

    /// <summary>A value as JSON, to compare records holding collections by content.</summary>
    public static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);

    public static string NewMessageId() => "msg-" + Guid.NewGuid().ToString("N");

    public static string WebhookOf(string channelTypeCode) => $"https://connector.test/{channelTypeCode.ToLowerInvariant()}/outbound";

    /// <summary>A new channel (unique service identifier) on a shared type, provider and connector.</summary>
    public async Task<Channel> ChannelAsync(
        string typeCode = "WHATSAPP",
        IdentityKind identityKind = IdentityKind.Phone,
        int inactivityTimeoutSeconds = 600,
        Func<Channel, Channel>? customize = null)
    {
        await EnsureAsync(c => c.ListChannelTypesAsync(), t => t.Code == typeCode, c => c.CreateChannelTypeAsync(new ChannelType(typeCode, typeCode, identityKind)));
        await EnsureAsync(c => c.ListProvidersAsync(), p => p.Id == ProviderId, c => c.CreateProviderAsync(new ChannelProvider(ProviderId, "Test provider")));
        var connectorId = "conn-" + typeCode.ToLowerInvariant();
        await EnsureAsync(
            c => c.ListConnectorsAsync(),
            c => c.Id == connectorId,
            c => c.CreateConnectorAsync(new ChannelConnector(connectorId, connectorId, ProviderId, typeCode, WebhookOf(typeCode))));
        var channel = new Channel("svc-" + Guid.NewGuid().ToString("N")[..12], "Test channel", connectorId, RoutingMode.Push, inactivityTimeoutSeconds);
        return await Catalog.CreateChannelAsync(customize?.Invoke(channel) ?? channel);
    }

    /// <summary>A connector of its own (no channel uses it yet) on the shared WHATSAPP type, with its first key.</summary>
    public async Task<CreatedConnector> ConnectorAsync(Func<ChannelConnector, ChannelConnector>? customize = null)
    {
        await ChannelAsync();
        var id = "conn-" + Guid.NewGuid().ToString("N")[..12];
        var connector = new ChannelConnector(id, id, ProviderId, "WHATSAPP", WebhookOf("WHATSAPP"));
        return await Catalog.CreateConnectorAsync(customize?.Invoke(connector) ?? connector);
    }

    /// <summary>A customer message, posted by the channel's own connector.</summary>
    public Task<InboundAccepted> PostAsync(Channel channel, string customer, string text = "Hello", string? messageId = null, IReadOnlyDictionary<string, string>? channelData = null) =>
        grains.GetGrain<IInboundGrain>(0).ReceiveMessageAsync(
            channel.ConnectorId,
            new InboundMessage(channel.ServiceIdentifier, customer, messageId ?? NewMessageId(), text, channelData ?? new Dictionary<string, string>()));

    public Task<ConnectorEventHandled> CustomerLeftAsync(Channel channel, string customer) =>
        grains.GetGrain<IInboundGrain>(0).ReceiveEventAsync(channel.ConnectorId, new ConnectorEvent(channel.ServiceIdentifier, customer, ConnectorEventType.CustomerLeft));

    public async Task<ConversationView> ConversationAsync(string conversationId) =>
        await grains.GetGrain<IConversationGrain>(conversationId).GetAsync() ?? throw new InvalidOperationException($"No conversation {conversationId}.");

    public async Task<IReadOnlyList<Activities.Activity>> ActivitiesAsync(string conversationId) =>
        (await grains.GetGrain<IConversationGrain>(conversationId).GetActivitiesAsync(0, 500)).Items;

    /// <summary>A signed-in agent taking up to <paramref name="slots"/> tasks of the type, ready unless told otherwise.</summary>
    public async Task<IAgentGrain> AgentAsync(string typeCode, int slots = 1, bool ready = true)
    {
        var agent = grains.GetGrain<IAgentGrain>(GrainKeys.Agent("agent" + Guid.NewGuid().ToString("N")[..8]));
        await agent.SignInAsync(new AgentProfile("Test agent", new Dictionary<string, int> { [typeCode] = slots }));
        if (ready)
        {
            await agent.SetPresenceAsync(AgentPresence.Ready);
        }

        return agent;
    }

    /// <summary>Waits until the agent has been offered a task, and returns it; fails the test when no offer comes.</summary>
    public static async Task<AgentTaskRef> OfferToAsync(IAgentGrain agent) =>
        (await Eventually.MatchesAsync(() => agent.GetAsync(), a => a!.Tasks.Any(t => t.State == AgentTaskStatus.Offered), "the agent to be offered a task"))!
        .Tasks.First(t => t.State == AgentTaskStatus.Offered);

    public IAgentTaskGrain Task(string taskId) => grains.GetGrain<IAgentTaskGrain>(taskId);

    /// <summary>
    /// Sets the controller's behaviour for conversations started from now on, until the returned scope is
    /// disposed (<c>await using</c>), which restores the settings before.
    /// </summary>
    public Task<ControllerSettingsScope> UseControllerAsync(ControllerSettings settings) => ControllerSettingsScope.UseAsync(Catalog, settings);

    private async Task EnsureAsync<T>(Func<IChannelCatalogGrain, Task<IReadOnlyList<T>>> list, Func<T, bool> match, Func<IChannelCatalogGrain, Task> create)
    {
        if (!(await list(Catalog)).Any(match))
        {
            await create(Catalog);
        }
    }
}
