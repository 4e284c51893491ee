using Conversations.Connectors;

namespace Conversations.GatewayTests.Foundation;

/// <summary>Twilio's webhooks as Twilio sends them: form fields named as its documentation names them, signed over the public URL.</summary>
internal static class TwilioWebhooks
{
    public static string MessagesPath(string connectorId) => $"/api/channels/twilio/{connectorId}/messages";

    /// <summary>An incoming SMS with every field Twilio's messaging webhook sends.</summary>
    public static Dictionary<string, string> SmsForm(TwilioChannel channel, string customer, string body)
    {
        var sid = "SM" + Guid.NewGuid().ToString("N");
        return new Dictionary<string, string>
        {
            ["ToCountry"] = "US",
            ["ToState"] = "CA",
            ["SmsMessageSid"] = sid,
            ["NumMedia"] = "0",
            ["ToCity"] = "SAN FRANCISCO",
            ["FromZip"] = "10001",
            ["SmsSid"] = sid,
            ["FromState"] = "NY",
            ["SmsStatus"] = "received",
            ["FromCity"] = "NEW YORK",
            ["Body"] = body,
            ["FromCountry"] = "US",
            ["To"] = channel.Service,
            ["ToZip"] = "94105",
            ["NumSegments"] = "1",
            ["MessageSid"] = sid,
            ["AccountSid"] = "AC" + Guid.NewGuid().ToString("N"),
            ["From"] = customer,
            ["ApiVersion"] = "2010-04-01",
        };
    }

    /// <summary>As Twilio signs: over the URL it calls, the gateway's public one (path and query).</summary>
    public static string Sign(string authToken, string pathAndQuery, IReadOnlyDictionary<string, string> form) =>
        TwilioSignature.Compute(authToken, SystemFixture.PublicBaseUrl + pathAndQuery, form);

    /// <summary>Posts <paramref name="form"/> to <paramref name="pathAndQuery"/> signed with <paramref name="authToken"/>.</summary>
    public static Task<HttpResponseMessage> TwilioPostAsync(this SystemFixture system, string pathAndQuery, IReadOnlyDictionary<string, string> form, string authToken) =>
        system.TwilioPostWithSignatureAsync(pathAndQuery, form, Sign(authToken, pathAndQuery, form));

    public static async Task<HttpResponseMessage> TwilioPostWithSignatureAsync(
        this SystemFixture system, string pathAndQuery, IReadOnlyDictionary<string, string> form, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignature.Header, signature);
        }

        return await system.Anonymous.SendAsync(request);
    }

    public static string NewNumber(string prefix) => prefix + Random.Shared.Next(1_000_000, 9_999_999);
}
