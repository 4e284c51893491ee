using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Conversations;

/// <summary>
/// Grain references by key, with the grain interface and grain type worked out once per interface. Orleans'
/// <c>GetGrain&lt;T&gt;(key)</c> works them out on every call (a custom-attribute lookup, then formatting the
/// interface's type name): nearly a tenth of the silo's CPU per inbound message, which takes four references.
/// </summary>
/// <remarks>Kept per grain factory, since each cluster decides which grain class serves an interface.</remarks>
public static class GrainLookup
{
    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<Type, Resolved>> ByFactory = [];

    public static TGrain Get<TGrain>(this IGrainFactory grains, string key) where TGrain : IGrainWithStringKey
    {
        var resolved = Resolve<TGrain>(grains);
        return (TGrain)grains.GetGrain(GrainId.Create(resolved.Type, key), resolved.Interface);
    }

    public static TGrain Get<TGrain>(this IGrainFactory grains, long key) where TGrain : IGrainWithIntegerKey
    {
        var resolved = Resolve<TGrain>(grains);
        return (TGrain)grains.GetGrain(GrainId.Create(resolved.Type, GrainIdKeyExtensions.CreateIntegerKey(key)), resolved.Interface);
    }

    private static Resolved Resolve<TGrain>(IGrainFactory grains) =>
        ByFactory.GetValue(grains, _ => new()).GetOrAdd(typeof(TGrain), static (type, grains) =>
        {
            var reference = (GrainReference)grains.GetGrain(type, IdSpan.Create("lookup"));
            return new Resolved(reference.GrainId.Type, reference.InterfaceType);
        }, grains);

    private sealed record Resolved(GrainType Type, GrainInterfaceType Interface);
}
