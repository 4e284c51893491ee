using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;

namespace Conversations.GatewayTests.Foundation;

/// <summary>A configured channel and what its connector needs to call: its id, its key and a client signing with it.</summary>
internal sealed record ConnectorChannel(string Service, string ConnectorId, string Key, HttpClient Connector);

/// <summary>A channel on a Twilio number served by a connector of kind TWILIO, its account and the auth token Twilio signs its webhooks with.</summary>
internal sealed record TwilioChannel(string Service, string ConnectorId, string AuthToken, string AccountSid = "");

/// <summary>A web chat channel: its WEB_CHAT connector and, when set, the identity secret sites sign their users with.</summary>
internal sealed record WebChatChannel(string Service, string ConnectorId, string TypeCode, string? IdentitySecret);

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
        var authToken = Guid.NewGuid().ToString("N");
        var accountSid = "AC" + Guid.NewGuid().ToString("N");
        var connectorId = await ProviderChannelAsync(service, typeCode, "PHONE", "twilio", "TWILIO", new { twilio = new { accountSid } }, ("authToken", authToken));
        return new TwilioChannel(service, connectorId, authToken, accountSid);
    }

    /// <summary>A new WEB_CHAT connector and channel ("web:..."), with an identity secret unless told not to.</summary>
    public async Task<WebChatChannel> WebChatChannelAsync(string typeCode = "WEBCHAT", bool withIdentitySecret = true, string identityKind = "WEB_VISITOR")
    {
        var service = "web:" + Guid.NewGuid().ToString("N")[..8];
        var secret = withIdentitySecret ? Guid.NewGuid().ToString("N") : null;
        var connectorId = await ProviderChannelAsync(service, typeCode, identityKind, "webchat", "WEB_CHAT", new { }, secret is null ? [] : [("identitySecret", secret)]);
        return new WebChatChannel(service, connectorId, typeCode, secret);
    }

    /// <summary>A connector of a provider kind (its own settings in <paramref name="settings"/>), its provider secrets and a channel on it.</summary>
    private async Task<string> ProviderChannelAsync(
        string service, string typeCode, string identityKind, string providerId, string kind, object settings, params (string Name, string Value)[] secrets)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await EnsureAsync("channel-types", typeCode, new { code = typeCode, name = typeCode, identityKind });
        await EnsureAsync("channel-providers", providerId, new { id = providerId, name = providerId });
        var connectorId = $"{providerId}-{suffix}";
        var connector = JsonSerializer.SerializeToNode(settings)!.AsObject();
        connector["id"] = connectorId;
        connector["name"] = $"{kind} {suffix}";
        connector["providerId"] = providerId;
        connector["channelTypeCode"] = typeCode;
        connector["kind"] = kind;
        await CreateAsync("channel-connectors", connector);
        foreach (var (name, value) in secrets)
        {
            var set = await system.Http.PutAsJsonAsync($"/api/admin/channel-connectors/{connectorId}/provider-secrets/{name}", new { secret = value });
            Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        }

        await CreateAsync("channels", new { serviceIdentifier = service, name = $"{kind} {suffix}", connectorId, routingMode = "PUSH", customerInactivityTimeoutSeconds = 900 });
        return connectorId;
    }

    /// <summary>A new WHATSAPP_CLOUD connector with its three secrets, and a channel on a new display number.</summary>
    public async Task<WhatsAppChannel> WhatsAppChannelAsync(object? outsideWindowTemplate = null, string typeCode = "WHATSAPP")
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var phoneNumberId = Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (service, appSecret, verifyToken, accessToken) =
            ("+1555" + Random.Shared.Next(1_000_000, 9_999_999), "app-" + suffix, "verify-" + suffix, "EAAG" + Guid.NewGuid().ToString("N"));
        var connectorId = await ProviderChannelAsync(
            service, typeCode, "PHONE", "meta", "WHATSAPP_CLOUD", new { whatsAppCloud = new { phoneNumberId, outsideWindowTemplate } },
            ("appSecret", appSecret), ("verifyToken", verifyToken), ("accessToken", accessToken));
        return new WhatsAppChannel(service, connectorId, phoneNumberId, appSecret, verifyToken, accessToken);
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
