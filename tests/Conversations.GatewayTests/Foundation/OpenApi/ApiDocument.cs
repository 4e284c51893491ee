using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Gateway.Hosting;

namespace Conversations.GatewayTests.Foundation.OpenApi;

/// <summary>The OpenAPI document the running gateway serves: what it says the API is, read as a client would.</summary>
internal sealed class ApiDocument(JsonElement root)
{
    private const string SchemaRef = "#/components/schemas/";

    public static async Task<ApiDocument> ReadAsync(HttpClient http) =>
        new(await http.GetFromJsonAsync<JsonElement>(ConversationsGateway.OpenApiPath));

    /// <summary>The named schemas; their names are .NET type names, which problem details must never show.</summary>
    public IEnumerable<string> SchemaNames =>
        root.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name);

    public IReadOnlyList<ApiOperation> Operations(params string[] methods) =>
        root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => methods.Contains(op.Name, StringComparer.OrdinalIgnoreCase))
                .Select(op => new ApiOperation(op.Name.ToUpperInvariant(), path.Name, op.Value)))
            .ToList();

    /// <summary>The schema itself, following a reference to a named one.</summary>
    public JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } name && name.StartsWith(SchemaRef, StringComparison.Ordinal)
            ? Resolve(root.GetProperty("components").GetProperty("schemas").GetProperty(name[SchemaRef.Length..]))
            : schema;
}
