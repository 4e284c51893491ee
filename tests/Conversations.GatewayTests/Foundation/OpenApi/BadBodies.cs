using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conversations.GatewayTests.Foundation.OpenApi;

/// <summary>A request body that must be refused, why, and the status it must get (any 4xx when null).</summary>
internal sealed record BadBody(string Why, string Text, string ContentType = "application/json", HttpStatusCode? Status = HttpStatusCode.BadRequest)
{
    public HttpContent Content() => new StringContent(Text, Encoding.UTF8, ContentType);
}

/// <summary>
/// Bad bodies for one operation, made from a good one: broken JSON and wrong shapes the framework must refuse, and,
/// from the operation's schema, every field in turn wrong-typed, null, missing, over-long or holding control
/// characters, which the domain's rules must refuse.
/// </summary>
internal static class BadBodies
{
    /// <summary>Above the gateway's request body limit (256 KiB).</summary>
    private const long OverLimit = 300 * 1024;

    /// <summary>Longer than any field's limit, well within the body limit.</summary>
    private const int OverLong = 20_000;

    private static readonly char[] ControlCharacters = ['\u0000', '\u0007'];

    /// <summary>
    /// Bodies whose JSON or shape is wrong, for any operation, also one that takes no body; one is over the body limit
    /// of the operation, the gateway's unless the operation has a larger one (<paramref name="bodyLimit"/>).
    /// </summary>
    public static IEnumerable<BadBody> Shapes(string good, long? bodyLimit = null) =>
    [
        new("malformed JSON", good[..^1]),
        new("not JSON", "hello"),
        new("empty body", string.Empty),
        new("JSON null", "null"),
        new("an array", "[" + good + "]"),
        new("a number", "42"),
        new("a string", "\"text\""),
        new("a raw NUL inside a string", good.Contains('"') ? good.Insert(good.IndexOf('"') + 1, "\u0000") : "\"\u0000\""),
        new("over the size limit", $"{{\"padding\":\"{new string('x', (int)Math.Max(OverLimit, (bodyLimit ?? 0) + 1))}\"}}", Status: HttpStatusCode.RequestEntityTooLarge),
        new("plain text content type", good, "text/plain", HttpStatusCode.UnsupportedMediaType),
    ];

    /// <summary>The good body with one field at a time made wrong.</summary>
    public static IEnumerable<BadBody> Fields(SchemaShape shape, JsonNode good, JsonElement schema)
    {
        foreach (var name in shape.Required(schema))
        {
            var without = good.DeepClone();
            without.AsObject().Remove(name);
            yield return new($"missing $.{name}", without.ToJsonString());
        }

        foreach (var slot in BodySlot.All(shape, good, schema))
        {
            if (!slot.IsKey)
            {
                yield return new($"wrong JSON type at {slot.Path}", slot.With(good, () => shape.WrongKind(slot.Schema)).ToJsonString());
                if (!shape.AllowsNull(slot.Schema))
                {
                    yield return new($"null at {slot.Path}", slot.With(good, () => null).ToJsonString(), Status: null);
                }
            }

            if (slot.IsKey || shape.KindOf(slot.Schema) == JsonKind.String)
            {
                var text = slot.CurrentText(good);
                foreach (var control in ControlCharacters)
                {
                    // In the middle, where trimming cannot take it away.
                    yield return new($"U+{(int)control:X4} in {slot.Path}", slot.With(good, () => text.Insert(text.Length / 2, control.ToString())).ToJsonString(), Status: null);
                }

                yield return new($"over-long {slot.Path}", slot.With(good, () => text + new string('x', OverLong)).ToJsonString(), Status: null);
            }
        }
    }
}
