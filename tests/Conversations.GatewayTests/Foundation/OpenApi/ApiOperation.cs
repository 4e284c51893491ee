using System.Text.Json;

namespace Conversations.GatewayTests.Foundation.OpenApi;

/// <summary>One operation of the gateway's OpenAPI document: its method, path template, parameters and JSON body schema.</summary>
internal sealed record ApiOperation(string Method, string Path, JsonElement Definition)
{
    public JsonElement? BodySchema =>
        Definition.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json)
            ? json.GetProperty("schema")
            : null;

    public IEnumerable<(string Name, string In, bool Required)> Parameters =>
        Definition.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Select(p => (
                p.GetProperty("name").GetString()!,
                p.GetProperty("in").GetString()!,
                p.TryGetProperty("required", out var required) && required.GetBoolean()))
            : [];

    /// <summary>Answers JSON when it succeeds (not, say, a server-sent event stream).</summary>
    public bool AnswersJson =>
        Definition.GetProperty("responses").EnumerateObject()
            .Any(r => r.Name.StartsWith('2') && r.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out _));

    public override string ToString() => $"{Method} {Path}";
}
