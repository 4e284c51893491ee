namespace Conversations;

/// <summary>What kind of refusal a domain error is; the gateway maps it to an HTTP status.</summary>
public enum DomainErrorKind
{
    Invalid,
    NotFound,
    Conflict,

    /// <summary>The caller is known but may not do this (a connector writing on another connector's channel).</summary>
    Forbidden,
}

/// <summary>A request the domain refuses; the gateway answers it with a 4xx.</summary>
public sealed class DomainException : Exception
{
    public DomainException(DomainErrorKind kind, string message, string? field = null)
        : base(message)
    {
        Kind = kind;
        Field = field;
    }

    public DomainErrorKind Kind { get; }

    /// <summary>
    /// The JSON property of the request that is wrong, as a client names it (<c>customerInactivityTimeoutSeconds</c>,
    /// <c>twilio.accountSid</c>), so a form can show the message next to that field; null when no one field is at fault.
    /// </summary>
    public string? Field { get; }

    public static DomainException Invalid(string message, string? field = null) => new(DomainErrorKind.Invalid, message, field);

    public static DomainException NotFound(string message) => new(DomainErrorKind.NotFound, message);

    public static DomainException Conflict(string message) => new(DomainErrorKind.Conflict, message);

    public static DomainException Forbidden(string message) => new(DomainErrorKind.Forbidden, message);
}
