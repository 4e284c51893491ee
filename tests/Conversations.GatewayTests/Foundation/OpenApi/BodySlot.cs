using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conversations.GatewayTests.Foundation.OpenApi;

/// <summary>
/// One place in a request body a value goes: a property (present or not), an array item, a map value, or a
/// map key. <see cref="With"/> returns a copy of the body with something else there.
/// </summary>
internal sealed record BodySlot(IReadOnlyList<object> Steps, JsonElement Schema, bool IsKey)
{
    public string Path => "$" + string.Concat(Steps.Select(s => s is int i ? $"[{i}]" : $".{s}")) + (IsKey ? " (key)" : string.Empty);

    /// <summary>Every slot of <paramref name="body"/> as its schema describes it, nested ones included.</summary>
    public static IEnumerable<BodySlot> All(SchemaShape shape, JsonNode? body, JsonElement schema) => Within(shape, body, schema, []);

    /// <summary>The string now in the slot, or a sample when there is none yet.</summary>
    public string CurrentText(JsonNode body) =>
        IsKey ? (string)Steps[^1]
        : Find(body) is JsonValue value && value.TryGetValue<string>(out var text) ? text
        : SchemaShape.SampleText;

    public JsonNode With(JsonNode body, Func<JsonNode?> value)
    {
        var copy = body.DeepClone();
        var parent = Steps.SkipLast(1).Aggregate(copy, (node, step) => step is int i ? node[i]! : node[(string)step]!);
        switch (Steps[^1])
        {
            case int index:
                parent[index] = value();
                break;
            case string key when IsKey:
                var kept = parent[key]!.DeepClone();
                parent.AsObject().Remove(key);
                parent[(string)value()!] = kept;
                break;
            case string name:
                parent[name] = value();
                break;
        }

        return copy;
    }

    private JsonNode? Find(JsonNode body) =>
        Steps.Aggregate<object, JsonNode?>(body, (node, step) => step is int i ? node?.AsArray()[i] : node?.AsObject()[(string)step]);

    private static IEnumerable<BodySlot> Within(SchemaShape shape, JsonNode? node, JsonElement schema, IReadOnlyList<object> steps)
    {
        var resolved = shape.Resolve(schema);
        switch (shape.KindOf(schema))
        {
            case JsonKind.Object when node is JsonObject map && resolved.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object:
                foreach (var (key, value) in map.ToList())
                {
                    yield return new BodySlot([.. steps, key], values, IsKey: true);
                    yield return new BodySlot([.. steps, key], values, IsKey: false);
                    foreach (var inner in Within(shape, value, values, [.. steps, key]))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonKind.Object when node is JsonObject record:
                foreach (var (name, property) in shape.Properties(schema))
                {
                    yield return new BodySlot([.. steps, name], property, IsKey: false);
                    foreach (var inner in Within(shape, record[name], property, [.. steps, name]))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonKind.Array when node is JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    yield return new BodySlot([.. steps, i], resolved.GetProperty("items"), IsKey: false);
                    foreach (var inner in Within(shape, items[i], resolved.GetProperty("items"), [.. steps, i]))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
