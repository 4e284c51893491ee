using System.Reflection;

namespace Conversations.ClusterTests.Hosting;

/// <summary>
/// Where the silo and gateway dlls of this build live. The project file asks the referenced projects for their
/// target paths at build time and stores them as assembly metadata, so Debug tests run Debug hosts and so on.
/// </summary>
public static class HostAssemblies
{
    public static string Silo => Require("ConversationsSiloPath");

    public static string Gateway => Require("ConversationsGatewayPath");

    private static string Require(string key)
    {
        var path = typeof(HostAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"The host assembly '{key}' was not found at '{path}'; build the solution first.");
        }

        return path;
    }
}
