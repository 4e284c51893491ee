using System.Security.Cryptography;
using System.Text.Json;

namespace Conversations.Outbound;

/// <summary>What tells a repeated request from another one under the same id, small enough to keep with the answer.</summary>
internal static class Fingerprint
{
    public static string Of<T>(T request) => Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
}
