using System.Globalization;
using System.Text.RegularExpressions;
using Conversations.Channels;
using Conversations.Outbound;

namespace Conversations.Domain;

/// <summary>
/// What makes a message template valid, and how one is filled in. Parameters are numbered from 1 without gaps, as
/// WhatsApp numbers them, and each is one line, as WhatsApp refuses line breaks in a parameter.
/// </summary>
public static partial class MessageTemplateRules
{
    public const int MaxBodyLength = 1024;
    public const int MaxParameterLength = 1024;
    public const int MaxParameters = 20;

    public static void Validate(MessageTemplate template, IReadOnlyDictionary<string, Channel> channels)
    {
        if (!ChannelCatalogRules.IsSlug(template.Id))
        {
            throw DomainException.Invalid("The template id must be 1 to 64 letters, digits, '-' or '_'.", "id");
        }

        if (string.IsNullOrEmpty(template.ServiceIdentifier) || !channels.ContainsKey(template.ServiceIdentifier))
        {
            throw DomainException.Invalid($"The channel '{template.ServiceIdentifier}' does not exist.", "serviceIdentifier");
        }

        TextRules.RequireLine(template.Name, "name", ChannelCatalogRules.MaxNameLength, "name");
        if (template.Language is null || !LanguagePattern().IsMatch(template.Language))
        {
            throw DomainException.Invalid("The language must be a code such as 'en' or 'en_US'.", "language");
        }

        TextRules.RequireText(template.Body, "body", MaxBodyLength, "body");
        var numbers = ParameterNumbers(template.Body);
        if (numbers.Count > MaxParameters || !numbers.SequenceEqual(Enumerable.Range(1, numbers.Count)))
        {
            throw DomainException.Invalid($"The body's parameters must be numbered {{{{1}}}}, {{{{2}}}}... without gaps, at most {MaxParameters}.", "body");
        }

        TextRules.OptionalLine(template.ProviderTemplateName, "provider template name", ChannelCatalogRules.MaxNameLength, "providerTemplateName");
    }

    /// <summary>Refuses a second template of the same name and language on one channel: the picker could not tell them apart.</summary>
    public static void RequireDistinct(MessageTemplate template, IEnumerable<MessageTemplate> existing)
    {
        if (existing.Any(t => t.Id != template.Id && t.ServiceIdentifier == template.ServiceIdentifier && t.Name == template.Name && t.Language == template.Language))
        {
            throw DomainException.Conflict($"The channel already has a template '{template.Name}' in '{template.Language}'.");
        }
    }

    /// <summary>The body with its parameters filled in, refused unless exactly as many are given as it has.</summary>
    public static string Render(MessageTemplate template, IReadOnlyList<string>? parameters, string field = "template.parameters")
    {
        var expected = ParameterNumbers(template.Body).Count;
        parameters ??= [];
        if (parameters.Count != expected)
        {
            throw DomainException.Invalid($"The template '{template.Id}' takes {expected} parameters; {parameters.Count} were given.", field);
        }

        foreach (var parameter in parameters)
        {
            TextRules.RequireLine(parameter, "template parameter", MaxParameterLength, field);
        }

        return Placeholder().Replace(template.Body, m => parameters[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1]);
    }

    /// <summary>What the provider is sent for the template with these (already checked) parameters.</summary>
    public static SentTemplate Sent(MessageTemplate template, IReadOnlyList<string>? parameters) =>
        new(string.IsNullOrWhiteSpace(template.ProviderTemplateName) ? template.Name : template.ProviderTemplateName, template.Language, (parameters ?? []).ToArray());

    private static List<int> ParameterNumbers(string body) =>
        [.. Placeholder().Matches(body).Select(m => int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var n) ? n : 0).Distinct().Order()];

    [GeneratedRegex(@"\{\{(\d{1,3})\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[a-z]{2,3}(_[A-Z]{2})?\z")]
    private static partial Regex LanguagePattern();
}
