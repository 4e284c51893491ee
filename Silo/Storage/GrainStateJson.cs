using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Orleans.Serialization;

namespace Conversations.Silo.Storage;

/// <summary>
/// How grain state is written as JSON (Orleans' Newtonsoft serializer, on Azure Table and PostgreSQL alike).
/// Orleans' defaults name the .NET type of every object and list and give each object a reference id: a new
/// conversation's state was 2.2 KB, two thirds of it type names, over PostgreSQL's 2 KB threshold for compressing
/// a row, and each type name was formatted on write and resolved through the type allow-list on read.
/// Type names now appear only where the stored object's type differs from the declared one, and no reference ids.
/// </summary>
/// <remarks>
/// Reading is unchanged for rows written with the defaults: their type names and references are still honoured.
/// Grain state holds no cycles; an object referenced twice is written twice and read back as two equal copies.
/// Every object read is a new one: by default Newtonsoft fills an object a new state already holds in place, and a
/// state that starts out holding a shared one (a conversation's settings start as <c>ControllerSettings.Default</c>)
/// had every read write into that one object, appending to its lists.
/// </remarks>
public static class GrainStateJson
{
    public static IServiceCollection AddCompactGrainStateJson(this IServiceCollection services) =>
        services.Configure<OrleansJsonSerializerOptions>(options => Compact(options.JsonSerializerSettings));

    private static void Compact(JsonSerializerSettings settings)
    {
        settings.TypeNameHandling = TypeNameHandling.Auto;
        settings.PreserveReferencesHandling = PreserveReferencesHandling.None;
        settings.ObjectCreationHandling = ObjectCreationHandling.Replace;
    }
}
