using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conversations.GatewayTests.Foundation.OpenApi;

/// <summary>The kind of JSON value a schema asks for.</summary>
internal enum JsonKind
{
    Enum,
    Object,
    Array,
    Integer,
    Number,
    Boolean,
    String,
}

/// <summary>Reads what a schema of the gateway's document allows, and makes values that fit it or do not.</summary>
internal sealed class SchemaShape(ApiDocument document)
{
    public const string SampleText = "A1";

    public JsonElement Resolve(JsonElement schema) => document.Resolve(schema);

    /// <summary>The value's kind; numbers and integers the document also allows as strings count as numbers.</summary>
    public JsonKind KindOf(JsonElement schema)
    {
        var resolved = NonNull(schema);
        if (resolved.TryGetProperty("enum", out _))
        {
            return JsonKind.Enum;
        }

        var types = Types(resolved);
        return Enum.GetValues<JsonKind>().First(k => k == JsonKind.String || types.Contains(k.ToString().ToLowerInvariant()));
    }

    public bool AllowsNull(JsonElement schema)
    {
        var resolved = Resolve(schema);
        return Types(resolved).Contains("null")
            || (resolved.TryGetProperty("enum", out var values) && values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Null))
            || (resolved.TryGetProperty("oneOf", out var options) && options.EnumerateArray().Any(AllowsNull));
    }

    /// <summary>A plausible value: every property filled, the last enum value (the first is often a special case), small numbers.</summary>
    public JsonNode? Sample(JsonElement schema)
    {
        var resolved = NonNull(schema);
        return KindOf(schema) switch
        {
            JsonKind.Enum => JsonValue.Create(resolved.GetProperty("enum").EnumerateArray().Last(v => v.ValueKind != JsonValueKind.Null).GetString()),
            JsonKind.Object when resolved.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object =>
                new JsonObject { [SampleText] = Sample(values) },
            JsonKind.Object => new JsonObject(Properties(resolved).Select(p => KeyValuePair.Create(p.Name, Sample(p.Value)))),
            JsonKind.Array => new JsonArray(Sample(resolved.GetProperty("items"))),
            JsonKind.Integer or JsonKind.Number => JsonValue.Create(resolved.TryGetProperty("minimum", out var minimum) ? minimum.GetInt32() : 1),
            JsonKind.Boolean => JsonValue.Create(false),
            _ => JsonValue.Create(resolved.TryGetProperty("format", out var format) && format.GetString() == "uri" ? "http://127.0.0.1:9/hook" : SampleText),
        };
    }

    /// <summary>A value of a JSON kind the schema does not allow (strings for numbers are allowed, so numbers get a boolean).</summary>
    public JsonNode WrongKind(JsonElement schema) => KindOf(schema) switch
    {
        JsonKind.Object => new JsonArray(),
        JsonKind.Array => new JsonObject(),
        JsonKind.Integer or JsonKind.Number => JsonValue.Create(true),
        JsonKind.Boolean => JsonValue.Create("maybe"),
        _ => JsonValue.Create(12345),
    };

    public IEnumerable<(string Name, JsonElement Value)> Properties(JsonElement schema) =>
        NonNull(schema).TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, p.Value))
            : [];

    public IEnumerable<string> Required(JsonElement schema) =>
        NonNull(schema).TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!) : [];

    /// <summary>The schema without its null option (a oneOf of null and a reference reads as the reference).</summary>
    private JsonElement NonNull(JsonElement schema)
    {
        var resolved = Resolve(schema);
        return resolved.TryGetProperty("oneOf", out var options)
            ? NonNull(options.EnumerateArray().First(o => !(Resolve(o).TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")))
            : resolved;
    }

    private static HashSet<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToHashSet()
        : [type.GetString()!];
}
