using Conversations.Channels;
using Conversations.Domain;
using Conversations.GrainTests.Foundation;
using Conversations.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conversations.GrainTests.Channels;

[Collection(ClusterCollection.Name)]
public sealed class ChannelCatalogTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task Channel_Created_IsPublishedToTheInboundPath()
    {
        var channel = await _given.ChannelAsync(inactivityTimeoutSeconds: 900);

        var resolved = await Published(channel.ServiceIdentifier);

        Assert.Equal(channel, resolved!.Channel);
        Assert.Equal(("WHATSAPP", Builders.WebhookOf("WHATSAPP")), (resolved.Type.Code, resolved.Connector.WebhookUrl));
        Assert.Contains(channel, await _given.Catalog.ListChannelsAsync());
    }

    [Fact]
    public async Task Connector_Updated_RepublishesItsChannels()
    {
        var type = "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = await _given.ChannelAsync(type, IdentityKind.External);
        var connector = (await _given.Catalog.ListConnectorsAsync()).Single(c => c.Id == channel.ConnectorId);

        await _given.Catalog.UpdateConnectorAsync(connector with { WebhookUrl = "https://moved.test/hook" });

        Assert.Equal("https://moved.test/hook", (await Published(channel.ServiceIdentifier))!.Connector.WebhookUrl);
    }

    [Fact]
    public async Task Connector_Created_KeyIsPublishedOnlySealedAndNamesItsConnector()
    {
        var created = await _given.ConnectorAsync();

        var published = Assert.Single((await Credentials(created.Connector.Id).GetAsync())!.Keys);
        Assert.DoesNotContain(created.Secret, published.Value);
        Assert.Equal(created.Secret, Box.Open(published.Value));
        Assert.StartsWith(created.Connector.Id + ".", created.Secret);
        Assert.Equal([created.Secret], await NewSecrets().GoodNowAsync(created.Connector.Id));
    }

    [Fact]
    public async Task ConnectorSecret_Rotated_OldKeyStaysGoodUntilTheOverlapEnds()
    {
        var created = await _given.ConnectorAsync();

        var rotated = await _given.Catalog.RotateConnectorSecretAsync(created.Connector.Id, 3600);

        Assert.Equal(fixture.Clock.GetUtcNow().AddHours(1), rotated.PreviousSecretValidUntil);
        Assert.Equal([rotated.Secret, created.Secret], await NewSecrets().GoodNowAsync(created.Connector.Id));
        fixture.Clock.Advance(TimeSpan.FromSeconds(3600));
        Assert.Equal([rotated.Secret], await NewSecrets().GoodNowAsync(created.Connector.Id));
    }

    [Fact]
    public async Task ConnectorSecret_RotatedWithoutOverlap_OldKeyStopsAtOnce()
    {
        var created = await _given.ConnectorAsync();

        var rotated = await _given.Catalog.RotateConnectorSecretAsync(created.Connector.Id, 0);

        Assert.Null(rotated.PreviousSecretValidUntil);
        Assert.Equal([rotated.Secret], await NewSecrets().GoodNowAsync(created.Connector.Id));
    }

    [Fact]
    public async Task Connector_Deleted_ItsKeysStopWorking()
    {
        var created = await _given.ConnectorAsync();

        await _given.Catalog.DeleteConnectorAsync(created.Connector.Id);

        Assert.Null(await Credentials(created.Connector.Id).GetAsync());
        Assert.Null(await NewSecrets().GoodNowAsync(created.Connector.Id));
        var error = await Assert.ThrowsAsync<DomainException>(() => _given.Catalog.RotateConnectorSecretAsync(created.Connector.Id, null));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task ProviderSecret_SetOnTwilioConnector_IsPublishedOnlySealed()
    {
        var created = await _given.ConnectorAsync(AsTwilio);

        await _given.Catalog.SetProviderSecretAsync(created.Connector.Id, ConnectorRules.TwilioAuthToken, AuthToken);

        var published = (await Credentials(created.Connector.Id).GetAsync())!.ProviderSecrets[ConnectorRules.TwilioAuthToken];
        Assert.DoesNotContain(AuthToken, published);
        Assert.Equal(AuthToken, Box.Open(published));
        Assert.Equal(AuthToken, await NewSecrets().ProviderSecretAsync(created.Connector.Id, ConnectorRules.TwilioAuthToken));
        Assert.Equal([created.Secret], await NewSecrets().GoodNowAsync(created.Connector.Id));
    }

    [Fact]
    public async Task ProviderSecret_OnWebhookConnector_IsInvalidAndNotStored()
    {
        var created = await _given.ConnectorAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => _given.Catalog.SetProviderSecretAsync(created.Connector.Id, ConnectorRules.TwilioAuthToken, AuthToken));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Null(await NewSecrets().ProviderSecretAsync(created.Connector.Id, ConnectorRules.TwilioAuthToken));
    }

    [Fact]
    public async Task ProviderSecret_ConnectorChangedToWebhook_StopsWorking()
    {
        var created = await _given.ConnectorAsync(AsTwilio);
        await _given.Catalog.SetProviderSecretAsync(created.Connector.Id, ConnectorRules.TwilioAuthToken, AuthToken);

        await _given.Catalog.UpdateConnectorAsync(created.Connector with { Kind = ConnectorKind.Webhook, Twilio = null, WebhookUrl = Builders.WebhookOf("WHATSAPP") });

        Assert.Null(await NewSecrets().ProviderSecretAsync(created.Connector.Id, ConnectorRules.TwilioAuthToken));
        Assert.Equal([created.Secret], await NewSecrets().GoodNowAsync(created.Connector.Id));
    }

    [Fact]
    public async Task Channel_Deleted_NoLongerAcceptsTraffic()
    {
        var channel = await _given.ChannelAsync();

        await _given.Catalog.DeleteChannelAsync(channel.ServiceIdentifier);

        Assert.Null(await Published(channel.ServiceIdentifier));
        var error = await Assert.ThrowsAsync<DomainException>(() => _given.PostAsync(channel, Builders.NewPhone()));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Connector_InUse_CannotBeDeleted()
    {
        var channel = await _given.ChannelAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => _given.Catalog.DeleteConnectorAsync(channel.ConnectorId));

        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        Assert.Contains(await _given.Catalog.ListConnectorsAsync(), c => c.Id == channel.ConnectorId);
    }

    [Fact]
    public async Task Channel_CreatedTwice_IsAConflictAndKeepsTheFirst()
    {
        var channel = await _given.ChannelAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => _given.Catalog.CreateChannelAsync(channel with { Name = "Other" }));

        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        Assert.Equal("Test channel", (await Published(channel.ServiceIdentifier))!.Channel.Name);
    }

    [Fact]
    public async Task Channel_Invalid_IsRefusedAndNotStored()
    {
        var bad = new Channel("svc-" + Guid.NewGuid().ToString("N")[..8], "Bad", "no-such-connector", RoutingMode.Push, 600);

        var error = await Assert.ThrowsAsync<DomainException>(() => _given.Catalog.CreateChannelAsync(bad));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.DoesNotContain(await _given.Catalog.ListChannelsAsync(), c => c.ServiceIdentifier == bad.ServiceIdentifier);
    }

    private const string AuthToken = "0123456789abcdef0123456789abcdef";

    private static ChannelConnector AsTwilio(ChannelConnector connector) =>
        connector with { Kind = ConnectorKind.Twilio, Twilio = new TwilioSettings("AC" + new string('1', 32)), WebhookUrl = null };

    private Task<ResolvedChannel?> Published(string serviceIdentifier) =>
        fixture.Grains.GetGrain<IChannelGrain>(GrainKeys.Channel(serviceIdentifier)).GetAsync();

    private SecretBox Box => fixture.SiloService<SecretBox>();

    private IConnectorCredentialsGrain Credentials(string connectorId) =>
        fixture.Grains.GetGrain<IConnectorCredentialsGrain>(GrainKeys.ConnectorCredentials(connectorId));

    /// <summary>A reader with nothing cached, on the grains' clock, as a gateway or silo reads the keys.</summary>
    private ConnectorSecrets NewSecrets() => new(fixture.Grains, Box, fixture.Clock, NullLogger<ConnectorSecrets>.Instance);
}
