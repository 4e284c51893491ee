using System.Text.RegularExpressions;
using Conversations.Channels;

namespace Conversations.Domain;

/// <summary>
/// What makes channel configuration valid: well-formed values and references that point at
/// something that exists. Anything in use cannot be deleted.
/// </summary>
public static partial class ChannelCatalogRules
{
    public const int MinInactivityTimeoutSeconds = 10;
    public const int MaxInactivityTimeoutSeconds = 7 * 24 * 3600;
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 1000;

    public static void Validate(ChannelType type)
    {
        RequireCode(type.Code, "channel type code");
        RequireName(type.Name);
        RequireDefined(type.IdentityKind, "identity kind");
    }

    public static void Validate(ChannelProvider provider)
    {
        RequireSlug(provider.Id, "provider id");
        RequireName(provider.Name);
    }

    public static void Validate(
        ChannelConnector connector,
        IReadOnlyDictionary<string, ChannelType> types,
        IReadOnlyDictionary<string, ChannelProvider> providers)
    {
        RequireSlug(connector.Id, "connector id");
        RequireName(connector.Name);
        if (!Uri.TryCreate(connector.WebhookUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw DomainException.Invalid("The webhook URL must be an absolute http or https URL.");
        }

        RequireReference(providers, connector.ProviderId, "provider");
        RequireReference(types, connector.ChannelTypeCode, "channel type");
    }

    public static void Validate(Channel channel, IReadOnlyDictionary<string, ChannelConnector> connectors)
    {
        if (string.IsNullOrEmpty(channel.ServiceIdentifier) || !ServiceIdentifierPattern().IsMatch(channel.ServiceIdentifier))
        {
            throw DomainException.Invalid(
                "The service identifier must be 1 to 128 characters of letters, digits and + . _ @ : -.");
        }

        RequireName(channel.Name);
        RequireDefined(channel.RoutingMode, "routing mode");
        if (channel.CustomerInactivityTimeoutSeconds is < MinInactivityTimeoutSeconds or > MaxInactivityTimeoutSeconds)
        {
            throw DomainException.Invalid(
                $"The customer inactivity timeout must be between {MinInactivityTimeoutSeconds} and {MaxInactivityTimeoutSeconds} seconds.");
        }

        if (channel.RoutingMode == RoutingMode.Pull && string.IsNullOrWhiteSpace(channel.PullListName))
        {
            throw DomainException.Invalid("A PULL channel needs the name of the list its conversations are parked on.");
        }

        if (channel.WrapUpTimeoutSeconds is <= 0 or > MaxInactivityTimeoutSeconds
            || channel.OfferTimeoutSeconds is <= 0 or > MaxInactivityTimeoutSeconds)
        {
            throw DomainException.Invalid($"The wrap-up and offer timeouts, when set, must be between 1 and {MaxInactivityTimeoutSeconds} seconds.");
        }

        RequireReference(connectors, channel.ConnectorId, "connector");
    }

    public static void Validate(ControllerSettings settings)
    {
        RequireShortText(settings.GreetingText, "greeting text");
        RequireShortText(settings.InactivityClosingText, "inactivity closing text");
        RequireShortText(settings.HandOverText, "hand-over text");
        RequireShortText(settings.SurveyText, "survey text");
        if (settings.AgentRequestKeywords is null || settings.AgentRequestKeywords.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 64))
        {
            throw DomainException.Invalid("Agent request keywords must be words of 1 to 64 characters.");
        }
    }

    /// <summary>Refuses to delete something another configuration entry still points at.</summary>
    public static void RequireUnused<T>(IEnumerable<T> referrers, Func<T, bool> refersToIt, string what, Func<T, string> describe)
    {
        var user = referrers.FirstOrDefault(refersToIt);
        if (user is not null)
        {
            throw DomainException.Conflict($"The {what} is used by {describe(user)}; delete or change that first.");
        }
    }

    private static void RequireCode(string? code, string what)
    {
        if (string.IsNullOrEmpty(code) || !CodePattern().IsMatch(code))
        {
            throw DomainException.Invalid($"The {what} must be 1 to 32 upper-case letters, digits or underscores.");
        }
    }

    /// <summary>The shape of provider and connector ids: 1 to 64 letters, digits, '-' or '_'.</summary>
    public static bool IsSlug(string? id) => !string.IsNullOrEmpty(id) && SlugPattern().IsMatch(id);

    private static void RequireSlug(string? id, string what)
    {
        if (!IsSlug(id))
        {
            throw DomainException.Invalid($"The {what} must be 1 to 64 letters, digits, '-' or '_'.");
        }
    }

    private static void RequireName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            throw DomainException.Invalid($"A name of 1 to {MaxNameLength} characters is required.");
        }
    }

    private static void RequireShortText(string? text, string what)
    {
        if (text is { Length: > MaxTextLength })
        {
            throw DomainException.Invalid($"The {what} is longer than {MaxTextLength} characters.");
        }
    }

    private static void RequireDefined<TEnum>(TEnum value, string what)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw DomainException.Invalid($"'{value}' is not a valid {what}.");
        }
    }

    private static void RequireReference<T>(IReadOnlyDictionary<string, T> existing, string? key, string what)
    {
        if (string.IsNullOrEmpty(key) || !existing.ContainsKey(key))
        {
            throw DomainException.Invalid($"The {what} '{key}' does not exist.");
        }
    }

    [GeneratedRegex("^[A-Z0-9_]{1,32}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Za-z0-9+._@:-]{1,128}$")]
    private static partial Regex ServiceIdentifierPattern();
}
