using System.Buffers.Text;
using System.Security.Cryptography;
using Conversations.Connectors;
using Conversations.Domain;
using Conversations.Outbound;
using Conversations.Security;
using Conversations.Storage;

namespace Conversations.Channels;

public sealed class ChannelCatalogGrain(
    [PersistentState(StateNames.ChannelCatalog, StorageNames.GrainState)] IPersistentState<ChannelCatalogState> catalog,
    SecretBox box,
    ControllerSettingsCopy controllerSettings,
    TimeProvider time)
    : Grain, IChannelCatalogGrain
{
    private ChannelCatalogState State => catalog.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Repairs settings stored with repeated keywords (ControllerSettings.WithoutRepeats); stored at the next change.
        State.Controller = State.Controller.WithoutRepeats();
        return base.OnActivateAsync(cancellationToken);
    }

    public Task<IReadOnlyList<ChannelType>> ListChannelTypesAsync() => Sorted(State.Types);

    public Task<ChannelType> CreateChannelTypeAsync(ChannelType type)
    {
        ChannelCatalogRules.Validate(type);
        return CreateAsync(State.Types, type.Code, type, "channel type", () => Task.CompletedTask);
    }

    public Task<ChannelType> UpdateChannelTypeAsync(ChannelType type)
    {
        ChannelCatalogRules.Validate(type);
        return UpdateAsync(State.Types, type.Code, type, "channel type", () => RepublishAsync(c => TypeOf(c) == type.Code));
    }

    public Task DeleteChannelTypeAsync(string code)
    {
        ChannelCatalogRules.RequireUnused(State.Connectors.Values, c => c.ChannelTypeCode == code, "channel type", c => $"connector '{c.Id}'");
        return DeleteAsync(State.Types, code, "channel type", () => Task.CompletedTask);
    }

    public Task<IReadOnlyList<ChannelProvider>> ListProvidersAsync() => Sorted(State.Providers);

    public Task<ChannelProvider> CreateProviderAsync(ChannelProvider provider)
    {
        ChannelCatalogRules.Validate(provider);
        return CreateAsync(State.Providers, provider.Id, provider, "provider", () => Task.CompletedTask);
    }

    public Task<ChannelProvider> UpdateProviderAsync(ChannelProvider provider)
    {
        ChannelCatalogRules.Validate(provider);
        return UpdateAsync(State.Providers, provider.Id, provider, "provider", () => Task.CompletedTask);
    }

    public Task DeleteProviderAsync(string id)
    {
        ChannelCatalogRules.RequireUnused(State.Connectors.Values, c => c.ProviderId == id, "provider", c => $"connector '{c.Id}'");
        return DeleteAsync(State.Providers, id, "provider", () => Task.CompletedTask);
    }

    public Task<IReadOnlyList<ChannelConnector>> ListConnectorsAsync() => Sorted(State.Connectors);

    public async Task<CreatedConnector> CreateConnectorAsync(ChannelConnector connector)
    {
        ChannelCatalogRules.Validate(connector, State.Types, State.Providers);
        var key = NewKey(connector.Id);
        await CreateAsync(
            State.Connectors, connector.Id, connector, "connector", () => PublishSecretsAsync(connector.Id),
            alongside: () => State.ConnectorSecrets[connector.Id] = ConnectorSecretRules.Rotate([], box.Seal(key), time.GetUtcNow(), TimeSpan.Zero));
        return new CreatedConnector(connector, key);
    }

    public Task<ChannelConnector> UpdateConnectorAsync(ChannelConnector connector)
    {
        ChannelCatalogRules.Validate(connector, State.Types, State.Providers);
        return UpdateAsync(
            State.Connectors, connector.Id, connector, "connector",
            () => Task.WhenAll(RepublishAsync(c => c.ConnectorId == connector.Id), PublishSecretsAsync(connector.Id)),
            // A connector that changed kind must not keep accepting signatures with secrets its new kind does not take.
            alongside: () =>
            {
                if (State.ProviderSecrets.TryGetValue(connector.Id, out var secrets))
                {
                    foreach (var name in secrets.Keys.Except(ConnectorRules.ProviderSecretNames(connector.Kind)).ToList())
                    {
                        secrets.Remove(name);
                    }
                }
            });
    }

    public Task DeleteConnectorAsync(string id)
    {
        ChannelCatalogRules.RequireUnused(State.Channels.Values, c => c.ConnectorId == id, "connector", c => $"channel '{c.ServiceIdentifier}'");
        return DeleteAsync(State.Connectors, id, "connector", () => PublishSecretsAsync(id), alongside: () =>
        {
            State.ConnectorSecrets.Remove(id);
            State.ProviderSecrets.Remove(id);
        });
    }

    public async Task SetProviderSecretAsync(string connectorId, string name, string secret)
    {
        var connector = State.Connectors.GetValueOrDefault(connectorId) ?? throw DomainException.NotFound($"No connector '{connectorId}'.");
        ConnectorRules.ValidateProviderSecret(connector, name, secret);
        if (!State.ProviderSecrets.TryGetValue(connectorId, out var secrets))
        {
            State.ProviderSecrets[connectorId] = secrets = new(StringComparer.Ordinal);
        }

        secrets[name] = box.Seal(secret);
        await catalog.WriteStateAsync();
        await PublishSecretsAsync(connectorId);
    }

    public Task<IReadOnlyList<ProviderSecretState>> ListProviderSecretsAsync(string connectorId)
    {
        var connector = State.Connectors.GetValueOrDefault(connectorId) ?? throw DomainException.NotFound($"No connector '{connectorId}'.");
        var set = State.ProviderSecrets.GetValueOrDefault(connectorId);
        return Task.FromResult<IReadOnlyList<ProviderSecretState>>(
            [.. ConnectorRules.ProviderSecretNames(connector.Kind).Select(name => new ProviderSecretState(name, set?.ContainsKey(name) == true))]);
    }

    public async Task<RotatedConnectorSecret> RotateConnectorSecretAsync(string connectorId, int? overlapSeconds)
    {
        var overlap = ConnectorSecretRules.Overlap(overlapSeconds);
        if (!State.Connectors.ContainsKey(connectorId))
        {
            throw DomainException.NotFound($"No connector '{connectorId}'.");
        }

        var key = NewKey(connectorId);
        var secrets = ConnectorSecretRules.Rotate(State.ConnectorSecrets.GetValueOrDefault(connectorId) ?? [], box.Seal(key), time.GetUtcNow(), overlap);
        State.ConnectorSecrets[connectorId] = secrets;
        await catalog.WriteStateAsync();
        await PublishSecretsAsync(connectorId);
        return new RotatedConnectorSecret(connectorId, key, ConnectorSecretRules.PreviousGoodUntil(secrets));
    }

    public Task<IReadOnlyList<Channel>> ListChannelsAsync() => Sorted(State.Channels);

    public Task<Channel> CreateChannelAsync(Channel channel)
    {
        ChannelCatalogRules.Validate(channel, State.Connectors);
        return CreateAsync(State.Channels, channel.ServiceIdentifier, channel, "channel", () => PublishAsync(channel));
    }

    public Task<Channel> UpdateChannelAsync(Channel channel)
    {
        ChannelCatalogRules.Validate(channel, State.Connectors);
        return UpdateAsync(State.Channels, channel.ServiceIdentifier, channel, "channel", () => PublishAsync(channel));
    }

    public Task DeleteChannelAsync(string serviceIdentifier)
    {
        ChannelCatalogRules.RequireUnused(State.Templates.Values, t => t.ServiceIdentifier == serviceIdentifier, "channel", t => $"template '{t.Id}'");
        return DeleteAsync(State.Channels, serviceIdentifier, "channel", () => ChannelGrain(serviceIdentifier).PublishAsync(null));
    }

    public Task<IReadOnlyList<MessageTemplate>> ListTemplatesAsync() => Sorted(State.Templates);

    public Task<MessageTemplate?> FindTemplateAsync(string id) => Task.FromResult(State.Templates.GetValueOrDefault(id));

    public Task<MessageTemplate> CreateTemplateAsync(MessageTemplate template)
    {
        ValidateTemplate(template);
        return CreateAsync(State.Templates, template.Id, template, "template", () => Task.CompletedTask);
    }

    public Task<MessageTemplate> UpdateTemplateAsync(MessageTemplate template)
    {
        ValidateTemplate(template);
        return UpdateAsync(State.Templates, template.Id, template, "template", () => Task.CompletedTask);
    }

    public Task DeleteTemplateAsync(string id) => DeleteAsync(State.Templates, id, "template", () => Task.CompletedTask);

    public Task<ControllerSettings> GetControllerSettingsAsync() => Task.FromResult(State.Controller);

    public async Task<ControllerSettings> UpdateControllerSettingsAsync(ControllerSettings settings)
    {
        ChannelCatalogRules.Validate(settings);
        State.Controller = settings;
        await catalog.WriteStateAsync();
        controllerSettings.Forget();
        return settings;
    }

    private void ValidateTemplate(MessageTemplate template)
    {
        MessageTemplateRules.Validate(template, State.Channels);
        MessageTemplateRules.RequireDistinct(template, State.Templates.Values);
    }

    private static Task<IReadOnlyList<T>> Sorted<T>(Dictionary<string, T> entries) =>
        Task.FromResult<IReadOnlyList<T>>(entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value).ToList());

    /// <param name="alongside">What else changes with the entry, in the same write.</param>
    private async Task<T> CreateAsync<T>(Dictionary<string, T> entries, string key, T value, string what, Func<Task> publish, Action? alongside = null)
    {
        if (!entries.TryAdd(key, value))
        {
            throw DomainException.Conflict($"A {what} '{key}' already exists.");
        }

        alongside?.Invoke();
        await catalog.WriteStateAsync();
        await publish();
        return value;
    }

    private async Task<T> UpdateAsync<T>(Dictionary<string, T> entries, string key, T value, string what, Func<Task> publish, Action? alongside = null)
    {
        if (!entries.ContainsKey(key))
        {
            throw DomainException.NotFound($"No {what} '{key}'.");
        }

        entries[key] = value;
        alongside?.Invoke();
        await catalog.WriteStateAsync();
        await publish();
        return value;
    }

    private async Task DeleteAsync<T>(Dictionary<string, T> entries, string key, string what, Func<Task> publish, Action? alongside = null)
    {
        if (!entries.Remove(key))
        {
            throw DomainException.NotFound($"No {what} '{key}'.");
        }

        alongside?.Invoke();
        await catalog.WriteStateAsync();
        await publish();
    }

    private string TypeOf(Channel channel) => State.Connectors[channel.ConnectorId].ChannelTypeCode;

    private Task RepublishAsync(Func<Channel, bool> affected) =>
        Task.WhenAll(State.Channels.Values.Where(affected).Select(PublishAsync));

    private Task PublishAsync(Channel channel)
    {
        var connector = State.Connectors[channel.ConnectorId];
        var resolved = new ResolvedChannel(channel, connector, State.Types[connector.ChannelTypeCode]);
        return ChannelGrain(channel.ServiceIdentifier).PublishAsync(resolved);
    }

    /// <summary>A deleted connector's grain gets null, so its keys stop working everywhere.</summary>
    private Task PublishSecretsAsync(string connectorId) =>
        GrainFactory.Get<IConnectorCredentialsGrain>(GrainKeys.ConnectorCredentials(connectorId))
            .PublishAsync(State.ConnectorSecrets.GetValueOrDefault(connectorId) is { } keys
                ? new ConnectorCredentials(keys, new(State.ProviderSecrets.GetValueOrDefault(connectorId) ?? [], StringComparer.Ordinal))
                : null);

    /// <summary>256 random bits after the connector id.</summary>
    private static string NewKey(string connectorId) =>
        ConnectorKeys.Compose(connectorId, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

    private IChannelGrain ChannelGrain(string serviceIdentifier) =>
        GrainFactory.Get<IChannelGrain>(GrainKeys.Channel(serviceIdentifier));
}
