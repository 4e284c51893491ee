using System.Text.RegularExpressions;
using Conversations.Channels;

namespace Conversations.Domain;

/// <summary>
/// What makes channel configuration valid: well-formed values and references that point at
/// something that exists. Anything in use cannot be deleted. Each refusal names the JSON property at fault, so a
/// form can show it next to the field.
/// </summary>
public static partial class ChannelCatalogRules
{
    public const int MinInactivityTimeoutSeconds = 10;
    public const int MaxInactivityTimeoutSeconds = 7 * 24 * 3600;
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 1000;
    public const int MaxServiceIdentifierLength = 128;
    public const int MaxKeywordLength = 64;

    public static void Validate(ChannelType type)
    {
        RequireCode(type.Code, "channel type code", "code");
        RequireName(type.Name);
        RequireDefined(type.IdentityKind, "identity kind", "identityKind");
    }

    public static void Validate(ChannelProvider provider)
    {
        RequireSlug(provider.Id, "provider id", "id");
        RequireName(provider.Name);
    }

    public static void Validate(
        ChannelConnector connector,
        IReadOnlyDictionary<string, ChannelType> types,
        IReadOnlyDictionary<string, ChannelProvider> providers)
    {
        RequireSlug(connector.Id, "connector id", "id");
        RequireName(connector.Name);
        RequireReference(providers, connector.ProviderId, "provider", "providerId");
        RequireReference(types, connector.ChannelTypeCode, "channel type", "channelTypeCode");
        ConnectorRules.Validate(connector);
    }

    public static void Validate(Channel channel, IReadOnlyDictionary<string, ChannelConnector> connectors)
    {
        if (!IsServiceIdentifier(channel.ServiceIdentifier))
        {
            throw DomainException.Invalid(
                $"The service identifier must be 1 to {MaxServiceIdentifierLength} characters of letters, digits and + . _ @ : -.",
                "serviceIdentifier");
        }

        RequireName(channel.Name);
        RequireDefined(channel.RoutingMode, "routing mode", "routingMode");
        if (channel.CustomerInactivityTimeoutSeconds is < MinInactivityTimeoutSeconds or > MaxInactivityTimeoutSeconds)
        {
            throw DomainException.Invalid(
                $"The customer inactivity timeout must be between {MinInactivityTimeoutSeconds} and {MaxInactivityTimeoutSeconds} seconds.",
                "customerInactivityTimeoutSeconds");
        }

        if (channel.RoutingMode == RoutingMode.Pull && string.IsNullOrWhiteSpace(channel.PullListName))
        {
            throw DomainException.Invalid("A PULL channel needs the name of the list its conversations are parked on.", "pullListName");
        }

        TextRules.OptionalLine(channel.PullListName, "pull list name", MaxNameLength, "pullListName");
        RequireOptionalTimeout(channel.WrapUpTimeoutSeconds, "wrap-up", "wrapUpTimeoutSeconds");
        RequireOptionalTimeout(channel.OfferTimeoutSeconds, "offer", "offerTimeoutSeconds");
        if (channel.OutboundInactivityTimeoutSeconds is < MinInactivityTimeoutSeconds or > MaxInactivityTimeoutSeconds)
        {
            throw DomainException.Invalid(
                $"The outbound inactivity timeout, when set, must be between {MinInactivityTimeoutSeconds} and {MaxInactivityTimeoutSeconds} seconds.",
                "outboundInactivityTimeoutSeconds");
        }

        if (channel.OutboundMessagesPerSecond is < 1 or > Channel.MaxOutboundMessagesPerSecond)
        {
            throw DomainException.Invalid(
                $"The outbound messages per second, when set, must be between 1 and {Channel.MaxOutboundMessagesPerSecond}.", "outboundMessagesPerSecond");
        }

        RequireReference(connectors, channel.ConnectorId, "connector", "connectorId");
    }

    public const int MaxConfiguredWrapUpCodes = 100;
    public const int MaxNotReadyReasons = 30;

    public static void Validate(ControllerSettings settings)
    {
        RequireShortText(settings.GreetingText, "greeting text", "greetingText");
        RequireShortText(settings.InactivityClosingText, "inactivity closing text", "inactivityClosingText");
        RequireShortText(settings.HandOverText, "hand-over text", "handOverText");
        RequireShortText(settings.SurveyText, "survey text", "surveyText");
        if (settings.AgentRequestKeywords is null)
        {
            throw DomainException.Invalid("The agent request keywords are required (an empty list for none).", "agentRequestKeywords");
        }

        foreach (var keyword in settings.AgentRequestKeywords)
        {
            TextRules.RequireLine(keyword, "agent request keyword", MaxKeywordLength, "agentRequestKeywords");
        }

        if (settings.WrapUpCodes is null || settings.WrapUpCodes.Count > MaxConfiguredWrapUpCodes)
        {
            throw DomainException.Invalid(
                $"The wrap-up codes are a list of up to {MaxConfiguredWrapUpCodes} (an empty list lets agents write their own).", "wrapUpCodes");
        }

        foreach (var code in settings.WrapUpCodes)
        {
            TextRules.RequireLine(code, "wrap-up code", AgentTaskRules.MaxWrapUpCodeLength, "wrapUpCodes");
        }

        if (settings.NotReadyReasons is not { Count: > 0 and <= MaxNotReadyReasons })
        {
            throw DomainException.Invalid($"The not-ready reasons are a list of 1 to {MaxNotReadyReasons}.", "notReadyReasons");
        }

        foreach (var reason in settings.NotReadyReasons)
        {
            TextRules.RequireLine(reason, "not-ready reason", AgentRules.MaxReasonLength, "notReadyReasons");
        }
    }

    /// <summary>A channel type code: 1 to 32 upper-case letters, digits or underscores (agent capacities name them too).</summary>
    public static bool IsChannelTypeCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>Refuses to delete something another configuration entry still points at.</summary>
    public static void RequireUnused<T>(IEnumerable<T> referrers, Func<T, bool> refersToIt, string what, Func<T, string> describe)
    {
        var user = referrers.FirstOrDefault(refersToIt);
        if (user is not null)
        {
            throw DomainException.Conflict($"The {what} is used by {describe(user)}; delete or change that first.");
        }
    }

    private static void RequireCode(string? code, string what, string field)
    {
        if (!IsChannelTypeCode(code))
        {
            throw DomainException.Invalid($"The {what} must be 1 to 32 upper-case letters, digits or underscores.", field);
        }
    }

    /// <summary>The shape of provider and connector ids: 1 to 64 letters, digits, '-' or '_'.</summary>
    public static bool IsServiceIdentifier(string? value) => !string.IsNullOrEmpty(value) && ServiceIdentifierPattern().IsMatch(value);

    public static bool IsSlug(string? id) => !string.IsNullOrEmpty(id) && SlugPattern().IsMatch(id);

    private static void RequireSlug(string? id, string what, string field)
    {
        if (!IsSlug(id))
        {
            throw DomainException.Invalid($"The {what} must be 1 to 64 letters, digits, '-' or '_'.", field);
        }
    }

    private static void RequireName(string? name) => TextRules.RequireLine(name, "name", MaxNameLength, "name");

    private static void RequireShortText(string? text, string what, string field) => TextRules.OptionalText(text, what, MaxTextLength, field);

    private static void RequireOptionalTimeout(int? seconds, string what, string field)
    {
        if (seconds is <= 0 or > MaxInactivityTimeoutSeconds)
        {
            throw DomainException.Invalid($"The {what} timeout, when set, must be between 1 and {MaxInactivityTimeoutSeconds} seconds.", field);
        }
    }

    internal static void RequireDefined<TEnum>(TEnum value, string what, string field)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw DomainException.Invalid($"'{value}' is not a valid {what}.", field);
        }
    }

    private static void RequireReference<T>(IReadOnlyDictionary<string, T> existing, string? key, string what, string field)
    {
        if (string.IsNullOrEmpty(key) || !existing.ContainsKey(key))
        {
            throw DomainException.Invalid($"The {what} '{key}' does not exist.", field);
        }
    }

    // \z, not $: $ also matches before a final line break, which would let "WEB\n" through.
    [GeneratedRegex(@"^[A-Z0-9_]{1,32}\z")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^[A-Za-z0-9+._@:-]{1,128}\z")]
    private static partial Regex ServiceIdentifierPattern();
}
