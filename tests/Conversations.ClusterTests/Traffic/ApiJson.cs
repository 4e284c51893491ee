using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conversations.ClusterTests.Traffic;

/// <summary>The gateway's JSON contract as a client reads it: camelCase members and UPPER_SNAKE enums (CREATED, CUSTOMER_LEFT).</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false) },
    };
}
