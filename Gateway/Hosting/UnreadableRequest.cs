using System.Text.Json;
using System.Text.RegularExpressions;

namespace Conversations.Gateway.Hosting;

/// <summary>
/// Says what was wrong with a request ASP.NET could not read, in the API's terms. The framework's own messages
/// name .NET types ("Failed to read parameter "ChannelType entry"...", "could not be converted to System.String"),
/// which tell a client nothing and show it our internals, so they are never passed on: only JSON paths,
/// parameter and property names, and the JSON reader's own syntax messages (which name characters, not types).
/// </summary>
public static partial class UnreadableRequest
{
    public static string Describe(BadHttpRequestException exception) => exception switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => "The request body is larger than the gateway accepts.",
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => "The request body must be JSON (Content-Type: application/json).",
        { InnerException: JsonException json } => Describe(json),
        _ when NoBody().IsMatch(exception.Message) => "A JSON request body is required.",
        _ when MissingParameter().Match(exception.Message) is { Success: true } m =>
            $"The {m.Groups["source"].Value} parameter '{m.Groups["name"].Value}' is required.",
        _ when UnboundParameter().Match(exception.Message) is { Success: true } m =>
            $"'{m.Groups["value"].Value}' is not a valid value for the parameter '{m.Groups["name"].Value}'.",
        _ => "The request could not be read.",
    };

    /// <summary>
    /// The JSON property a client's form would show the refusal next to (<c>twilio.accountSid</c>, array positions
    /// left out), when the reader knows the path to it; null for the body as a whole.
    /// </summary>
    public static string? FieldOf(BadHttpRequestException exception) =>
        exception.InnerException is JsonException { Path: { } path } && PropertyPath().IsMatch(path)
            ? ArrayIndex().Replace(path[2..], string.Empty)
            : null;

    private static string Describe(JsonException json)
    {
        var at = json.Path is null or "$" ? "The request body" : $"The value at {json.Path}";
        // The reader's syntax errors come wrapped, and name the offending character or token, never a type.
        if (json.InnerException is JsonException syntax)
        {
            return $"The request body is not valid JSON: {WithoutPosition(syntax.Message)} (at {json.Path ?? "$"}).";
        }

        if (MissingProperties().Match(json.Message) is { Success: true } missing)
        {
            return $"{at} is missing required properties: {missing.Groups["names"].Value}.";
        }

        return NullDisallowed().IsMatch(json.Message)
            ? $"{at} must not be null."
            : $"{at} has the wrong JSON type or is not one of the allowed values.";
    }

    private static string WithoutPosition(string message) => Position().Replace(message, string.Empty).TrimEnd(' ', '.');

    [GeneratedRegex("no body was provided|was not provided from body")]
    private static partial Regex NoBody();

    [GeneratedRegex("""^Required parameter "(?:[^"]* )?(?<name>[^" ]+)" was not provided from (?<source>query string|route|header)""")]
    private static partial Regex MissingParameter();

    [GeneratedRegex("""^Failed to bind parameter "(?:[^"]* )?(?<name>[^" ]+)" from "(?<value>.*)"\.$""")]
    private static partial Regex UnboundParameter();

    [GeneratedRegex("missing required properties including: (?<names>.+?)\\.?( Path:|$)")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("doesn't allow (setting )?null values")]
    private static partial Regex NullDisallowed();

    [GeneratedRegex(@"^\$\.[A-Za-z0-9_]+(\[\d+\]|\.[A-Za-z0-9_]+)*\z")]
    private static partial Regex PropertyPath();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ArrayIndex();

    [GeneratedRegex(@"\s*(Path: \S+ \| )?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex Position();
}
