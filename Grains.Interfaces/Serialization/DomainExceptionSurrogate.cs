namespace Conversations.Serialization;

/// <summary>A refusal crosses the grain boundary as its kind, message and field, so the gateway can answer 4xx.</summary>
[GenerateSerializer]
public struct DomainExceptionSurrogate
{
    [Id(0)]
    public DomainErrorKind Kind;

    [Id(1)]
    public string Message;

    [Id(2)]
    public string? Field;
}

[RegisterConverter]
public sealed class DomainExceptionSurrogateConverter : IConverter<DomainException, DomainExceptionSurrogate>
{
    public DomainException ConvertFromSurrogate(in DomainExceptionSurrogate surrogate) => new(surrogate.Kind, surrogate.Message, surrogate.Field);

    public DomainExceptionSurrogate ConvertToSurrogate(in DomainException value) => new() { Kind = value.Kind, Message = value.Message, Field = value.Field };
}
