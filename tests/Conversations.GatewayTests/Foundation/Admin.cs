using System.Net;
using System.Net.Http.Json;
using Conversations.Testing;

namespace Conversations.GatewayTests.Foundation;

/// <summary>A configured channel and what its connector needs to call: its id, its key and a client signing with it.</summary>
internal sealed record ConnectorChannel(string Service, string ConnectorId, string Key, HttpClient Connector);

/// <summary>A channel on a Twilio number served by a connector of kind TWILIO, its account and the auth token Twilio signs its webhooks with.</summary>
internal sealed record TwilioChannel(string Service, string ConnectorId, string AuthToken, string AccountSid = "");

/// <summary>
/// A channel on a WhatsApp Cloud API number served by a connector of kind WHATSAPP_CLOUD: the channel is named by the
/// display number in E.164, the connector by Meta's phone number id; Meta signs with the app secret.
/// </summary>
internal sealed record WhatsAppChannel(string Service, string ConnectorId, string PhoneNumberId, string AppSecret, string VerifyToken, string AccessToken)
{
    /// <summary>The number as Meta's webhooks write it: digits only.</summary>
    public string DisplayPhoneNumber => Service.TrimStart('+');
}

/// <summary>Sets up channel configuration through the admin API, as an operator would with curl.</summary>
internal sealed class Admin(SystemFixture system)
{
    /// <summary>A new channel (unique service identifier) whose own connector delivers to <paramref name="webhookUrl"/>.</summary>
    public async Task<ConnectorChannel> ChannelWithWebhookAsync(string webhookUrl, string typeCode = "WHATSAPP", string identityKind = "PHONE")
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await EnsureAsync("channel-types", typeCode, new { code = typeCode, name = typeCode, identityKind });
        await EnsureAsync("channel-providers", "gateway-tests", new { id = "gateway-tests", name = "Gateway tests" });
        var connectorId = "conn-" + suffix;
        var created = await CreateAsync("channel-connectors", new { id = connectorId, name = "Connector " + suffix, providerId = "gateway-tests", channelTypeCode = typeCode, webhookUrl });
        var key = await ApiAccess.CreatedConnectorKeyAsync(created);
        var service = "svc-" + suffix;
        await CreateAsync("channels", new { serviceIdentifier = service, name = "Channel " + suffix, connectorId, routingMode = "PUSH", customerInactivityTimeoutSeconds = 900 });
        return new ConnectorChannel(service, connectorId, key, system.SigningConnector(key));
    }

    /// <summary>A new TWILIO connector with its auth token, and a channel named as Twilio's <c>To</c> names <paramref name="service"/>.</summary>
    public async Task<TwilioChannel> TwilioChannelAsync(string service, string typeCode = "SMS")
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await EnsureAsync("channel-types", typeCode, new { code = typeCode, name = typeCode, identityKind = "PHONE" });
        await EnsureAsync("channel-providers", "twilio", new { id = "twilio", name = "Twilio" });
        var connectorId = "twilio-" + suffix;
        var accountSid = "AC" + Guid.NewGuid().ToString("N");
        await CreateAsync("channel-connectors", new
        {
            id = connectorId,
            name = "Twilio " + suffix,
            providerId = "twilio",
            channelTypeCode = typeCode,
            kind = "TWILIO",
            twilio = new { accountSid },
        });
        var authToken = Guid.NewGuid().ToString("N");
        var set = await system.Http.PutAsJsonAsync($"/api/admin/channel-connectors/{connectorId}/provider-secrets/authToken", new { secret = authToken });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        await CreateAsync("channels", new { serviceIdentifier = service, name = "Twilio " + suffix, connectorId, routingMode = "PUSH", customerInactivityTimeoutSeconds = 900 });
        return new TwilioChannel(service, connectorId, authToken, accountSid);
    }

    /// <summary>A new WHATSAPP_CLOUD connector with its three secrets, and a channel on a new display number.</summary>
    public async Task<WhatsAppChannel> WhatsAppChannelAsync(object? outsideWindowTemplate = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await EnsureAsync("channel-types", "WHATSAPP", new { code = "WHATSAPP", name = "WHATSAPP", identityKind = "PHONE" });
        await EnsureAsync("channel-providers", "meta", new { id = "meta", name = "Meta" });
        var connectorId = "whatsapp-" + suffix;
        var phoneNumberId = Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await CreateAsync("channel-connectors", new
        {
            id = connectorId,
            name = "WhatsApp " + suffix,
            providerId = "meta",
            channelTypeCode = "WHATSAPP",
            kind = "WHATSAPP_CLOUD",
            whatsAppCloud = new { phoneNumberId, outsideWindowTemplate },
        });
        var channel = new WhatsAppChannel(
            "+1555" + Random.Shared.Next(1_000_000, 9_999_999), connectorId, phoneNumberId, "app-" + suffix, "verify-" + suffix, "EAAG" + Guid.NewGuid().ToString("N"));
        foreach (var (name, secret) in new[] { ("appSecret", channel.AppSecret), ("verifyToken", channel.VerifyToken), ("accessToken", channel.AccessToken) })
        {
            var set = await system.Http.PutAsJsonAsync($"/api/admin/channel-connectors/{connectorId}/provider-secrets/{name}", new { secret });
            Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        }

        await CreateAsync("channels", new { serviceIdentifier = channel.Service, name = "WhatsApp " + suffix, connectorId, routingMode = "PUSH", customerInactivityTimeoutSeconds = 900 });
        return channel;
    }

    private async Task EnsureAsync(string path, string key, object body)
    {
        if ((await system.Http.GetAsync($"/api/admin/{path}/{key}")).StatusCode == HttpStatusCode.NotFound)
        {
            await CreateAsync(path, body);
        }
    }

    private async Task<HttpResponseMessage> CreateAsync(string path, object body)
    {
        var response = await system.Http.PostAsJsonAsync($"/api/admin/{path}", body);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }
}
