using System.Text;
using System.Text.Json;
using Conversations.Connectors;

namespace Conversations.GatewayTests.Foundation;

/// <summary>Meta's webhook for a WhatsApp Cloud API number as Meta calls it: payloads shaped as its reference shows them, signed with the app secret.</summary>
internal static class WhatsAppWebhooks
{
    public static string WebhookPath(string connectorId) => $"/api/channels/whatsapp/{connectorId}/webhook";

    /// <summary>A customer's text message.</summary>
    public static string TextMessage(WhatsAppChannel channel, string customer, string text) => Notification(channel, $$$"""
        "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"{{{customer.TrimStart('+')}}}"}],
        "messages":[{"from":"{{{customer.TrimStart('+')}}}","id":"wamid.{{{Guid.NewGuid():N}}}","timestamp":"1749416383","type":"text",
          "text":{"body":{{{JsonSerializer.Serialize(text)}}}}}]
        """);

    public static string Notification(WhatsAppChannel channel, string content) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
          "messaging_product":"whatsapp",
          "metadata":{"display_phone_number":"{{{channel.DisplayPhoneNumber}}}","phone_number_id":"{{{channel.PhoneNumberId}}}"},
          {{{content}}}},"field":"messages"}]}]}
        """;

    /// <summary>Posts the payload signed with the channel's app secret, as Meta does.</summary>
    public static Task<HttpResponseMessage> PostWhatsAppAsync(this SystemFixture system, WhatsAppChannel channel, string body) =>
        system.PostWhatsAppAsync(channel.ConnectorId, body, MetaWebhook.Sign(channel.AppSecret, Encoding.UTF8.GetBytes(body)));

    public static async Task<HttpResponseMessage> PostWhatsAppAsync(this SystemFixture system, string connectorId, string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath(connectorId)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add(MetaWebhook.SignatureHeader, signature);
        }

        return await system.Anonymous.SendAsync(request);
    }
}
