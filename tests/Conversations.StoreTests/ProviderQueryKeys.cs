using System.Reflection;
using Orleans.Configuration;

namespace Conversations.StoreTests;

/// <summary>
/// The OrleansQuery keys the referenced Orleans ADO.NET provider assemblies require, read from those
/// assemblies themselves, so upgrading a provider that needs a new key fails the schema tests instead
/// of a silo in production.
/// </summary>
public static class ProviderQueryKeys
{
    // Grain state no longer goes through Orleans' ADO.NET persistence provider (PostgresGrainStorage replaced it), but
    // a silo of an earlier version reads these four keys while a cluster is upgraded silo by silo.
    private static readonly string[] Persistence = ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    public static IReadOnlyList<string> Required()
    {
        var keys = new SortedSet<string>(Persistence, StringComparer.Ordinal);
        foreach (var assembly in new[] { typeof(AdoNetClusteringSiloOptions).Assembly, typeof(AdoNetReminderTableOptions).Assembly })
        {
            // DbStoredQueries refuses to start unless every one of its non-public instance properties has a key.
            var storedQueries = assembly.GetTypes().Single(t => t.Name == "DbStoredQueries");
            foreach (var property in storedQueries.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic))
            {
                keys.Add(property.Name);
            }
        }

        return [.. keys];
    }
}
