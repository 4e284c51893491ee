using System.Text.Json;

namespace Conversations.Outbound;

/// <summary>
/// How an outbound message is marked in the activity log: the data of its bot message says it was the business's, who
/// asked for it with which request id, and the template it used, so every later delivery attempt (a retry, a redelivery
/// after a crash) sends the same template.
/// </summary>
public static class OutboundData
{
    public const string Outbound = "outbound";
    public const string RequestId = "requestId";
    public const string RequestedBy = "requestedBy";
    public const string Template = "template";
    public const string TemplateLanguage = "templateLanguage";
    public const string TemplateParameters = "templateParameters";

    public static Dictionary<string, string> Of(string requestId, string requestedBy, SentTemplate? template)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Outbound] = "true",
            [RequestId] = requestId,
            [RequestedBy] = requestedBy,
        };
        if (template is not null)
        {
            data[Template] = template.ProviderName;
            data[TemplateLanguage] = template.Language;
            data[TemplateParameters] = JsonSerializer.Serialize(template.Parameters);
        }

        return data;
    }

    /// <summary>The template a logged message was sent with; null for any other message.</summary>
    public static SentTemplate? TemplateOf(IReadOnlyDictionary<string, string>? data) =>
        data is not null && data.TryGetValue(Template, out var name) && data.TryGetValue(TemplateLanguage, out var language)
            ? new SentTemplate(name, language, JsonSerializer.Deserialize<string[]>(data.GetValueOrDefault(TemplateParameters) ?? "[]") ?? [])
            : null;
}
