namespace Conversations.Channels;

/// <summary>
/// How the controller bot behaves. Configuration, not code: operators change greetings and
/// which events close what without a release.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ControllerSettings
{
    public static readonly ControllerSettings Default = new();

    /// <summary>Sent to the customer when a conversation starts; none when empty.</summary>
    [Id(0)]
    public string? GreetingText { get; init; } = "Hello! Thanks for reaching out. How can we help you today?";

    /// <summary>Close the channel session when the connector reports that the customer left.</summary>
    [Id(1)]
    public bool CloseSessionOnCustomerLeft { get; init; } = true;

    /// <summary>Close the channel session when the customer's inactivity timeout expires.</summary>
    [Id(2)]
    public bool CloseSessionOnInactivity { get; init; } = true;

    /// <summary>Sent to the customer just before an inactive channel session is closed; none when empty.</summary>
    [Id(3)]
    public string? InactivityClosingText { get; init; }
}
