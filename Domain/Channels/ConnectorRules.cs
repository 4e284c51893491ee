using System.Text.RegularExpressions;
using Conversations.Channels;

namespace Conversations.Domain;

/// <summary>
/// What each connector kind needs: a WEBHOOK connector its webhook URL, a provider kind its provider settings and
/// nothing it would not use, so a connector never looks configured for a path it does not take. Also which provider
/// secrets each kind keeps (sealed, never shown).
/// </summary>
public static partial class ConnectorRules
{
    public const int MaxWebhookUrlLength = 2048;
    public const int MaxProviderSecretLength = 512;

    public const string TwilioAuthToken = "authToken";
    public const string WhatsAppAppSecret = "appSecret";
    public const string WhatsAppAccessToken = "accessToken";
    public const string WhatsAppVerifyToken = "verifyToken";
    public const string WebChatIdentitySecret = "identitySecret";

    /// <summary>
    /// The provider secrets connectors of <paramref name="kind"/> keep: Twilio's auth token (signatures both ways);
    /// Meta's app secret (webhook signatures), access token (Graph API) and the verify token of its webhook handshake;
    /// the web chat's identity secret, with which a site signs who its logged-in visitor is.
    /// </summary>
    public static IReadOnlyList<string> ProviderSecretNames(ConnectorKind kind) => kind switch
    {
        ConnectorKind.Twilio => [TwilioAuthToken],
        ConnectorKind.WhatsAppCloud => [WhatsAppAppSecret, WhatsAppAccessToken, WhatsAppVerifyToken],
        ConnectorKind.WebChat => [WebChatIdentitySecret],
        _ => [],
    };

    public static void Validate(ChannelConnector connector)
    {
        ChannelCatalogRules.RequireDefined(connector.Kind, "connector kind", "kind");
        var kind = connector.Kind.ToString().ToUpperInvariant();
        if ((connector.Kind == ConnectorKind.Webhook) != (connector.WebhookUrl is not null))
        {
            throw DomainException.Invalid(connector.Kind == ConnectorKind.Webhook
                ? "A WEBHOOK connector needs its webhookUrl: outbound messages are POSTed there."
                : $"A {kind} connector has no webhookUrl: its outbound messages go through the provider, not a webhook.",
                "webhookUrl");
        }

        if (connector.WebhookUrl is { } webhookUrl)
        {
            TextRules.RequireLine(webhookUrl, "webhook URL", MaxWebhookUrlLength, "webhookUrl");
            if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw DomainException.Invalid("The webhook URL must be an absolute http or https URL.", "webhookUrl");
            }
        }

        RequireSettingsOfItsKind(connector.Twilio, ConnectorKind.Twilio, connector.Kind, "twilio settings (accountSid)", "twilio");
        RequireSettingsOfItsKind(connector.WhatsAppCloud, ConnectorKind.WhatsAppCloud, connector.Kind, "whatsAppCloud settings (phoneNumberId)", "whatsAppCloud");
        if (connector.Twilio is { } twilio && (twilio.AccountSid is null || !AccountSidPattern().IsMatch(twilio.AccountSid)))
        {
            throw DomainException.Invalid("The Twilio account SID must be AC and 32 hex digits, as the Twilio console shows it.", "twilio.accountSid");
        }

        if (connector.WhatsAppCloud is { } whatsApp)
        {
            Validate(whatsApp);
        }
    }

    public static void ValidateProviderSecret(ChannelConnector connector, string name, string? secret)
    {
        var names = ProviderSecretNames(connector.Kind);
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            var kind = connector.Kind.ToString().ToUpperInvariant();
            throw DomainException.Invalid(names.Count == 0
                ? $"Connector '{connector.Id}' is a {kind} connector; it takes no provider secrets."
                : $"A {kind} connector takes the provider secrets {string.Join(", ", names)}; not '{name}'.");
        }

        TextRules.RequireLine(secret, name, MaxProviderSecretLength, "secret");
    }

    private static void Validate(WhatsAppCloudSettings whatsApp)
    {
        if (whatsApp.PhoneNumberId is null || !PhoneNumberIdPattern().IsMatch(whatsApp.PhoneNumberId))
        {
            throw DomainException.Invalid(
                "The WhatsApp phone number id is Meta's numeric id of the number (1 to 32 digits), as WhatsApp Manager shows it.",
                "whatsAppCloud.phoneNumberId");
        }

        if (whatsApp.OutsideWindowTemplate is not { } template)
        {
            return;
        }

        if (template.Name is null || !TemplateNamePattern().IsMatch(template.Name))
        {
            throw DomainException.Invalid(
                "The template needs its approved name: lower-case letters, digits and _, up to 512.", "whatsAppCloud.outsideWindowTemplate.name");
        }

        if (template.Language is null || !LanguagePattern().IsMatch(template.Language))
        {
            throw DomainException.Invalid(
                "The template needs the language code it was approved in, such as en or en_US.", "whatsAppCloud.outsideWindowTemplate.language");
        }
    }

    private static void RequireSettingsOfItsKind<T>(T? settings, ConnectorKind owner, ConnectorKind kind, string what, string field)
        where T : class
    {
        if ((kind == owner) != (settings is not null))
        {
            throw DomainException.Invalid($"A {owner.ToString().ToUpperInvariant()} connector needs its {what}, and no other kind has them.", field);
        }
    }

    [GeneratedRegex(@"^AC[0-9a-fA-F]{32}\z")]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex(@"^[0-9]{1,32}\z")]
    private static partial Regex PhoneNumberIdPattern();

    [GeneratedRegex(@"^[a-z0-9_]{1,512}\z")]
    private static partial Regex TemplateNamePattern();

    [GeneratedRegex(@"^[a-z]{2,3}(_[A-Z]{2})?\z")]
    private static partial Regex LanguagePattern();
}
