using System.Reflection;

namespace Conversations.Testing;

/// <summary>
/// Where the silo and gateway dlls of this build live, and the repository they come from. The project file asks
/// the referenced projects for their target paths at build time and stores them as assembly metadata, so a Debug
/// build runs Debug hosts and so on.
/// </summary>
public static class HostAssemblies
{
    public static string Silo => RequireFile("ConversationsSiloPath");

    public static string Gateway => RequireFile("ConversationsGatewayPath");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    private static string RequireFile(string key)
    {
        var path = Metadata(key);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The host assembly '{key}' was not found at '{path}'; build the solution first.");
    }

    private static string Metadata(string key) =>
        typeof(HostAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"No build metadata '{key}'; build the solution first.");
}
