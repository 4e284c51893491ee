using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;

namespace Conversations.Serialization;

/// <summary>
/// The domain project knows nothing of Orleans, so its records carry no serializer attributes. Between
/// processes they travel as JSON through Orleans' System.Text.Json codec; inside a process they are
/// passed as they are, since domain records are immutable. Enums need neither: Orleans handles them.
/// Every silo and client registers this.
/// </summary>
public static class DomainSerialization
{
    private static readonly System.Reflection.Assembly DomainAssembly = typeof(DomainException).Assembly;

    public static IServiceCollection AddDomainSerialization(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer
            .AddJsonSerializer(IsDomainRecord, IsDomainRecord));

    /// <summary>Domain records (not enums, which Orleans codes itself, nor exceptions, which have a surrogate).</summary>
    public static bool IsDomainRecord(Type type) =>
        type.Assembly == DomainAssembly && !type.IsEnum && !typeof(Exception).IsAssignableFrom(type);
}

/// <summary>Domain records are immutable, so a grain call inside one process shares them instead of copying.</summary>
[RegisterCopier]
public sealed class DomainRecordCopier : IGeneralizedCopier
{
    public object? DeepCopy(object? input, CopyContext context) => input;

    public bool IsSupportedType(Type type) => DomainSerialization.IsDomainRecord(type);
}
