using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conversations.Gateway.Hosting;

/// <summary>
/// One JSON contract for every endpoint: camelCase members, UPPER_SNAKE enums (PUSH, WEB_VISITOR), and
/// strict reading so a missing or null required member is a 400, not a half-filled object.
/// </summary>
public static class JsonSetup
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
    }
}
