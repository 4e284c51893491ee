namespace Conversations.Channels;

/// <summary>
/// How the controller bot behaves. Configuration, not code: operators change greetings and
/// which events close what without a release.
/// </summary>
public sealed record ControllerSettings
{
    public static readonly ControllerSettings Default = new();

    /// <summary>Sent to the customer when a conversation starts; none when empty.</summary>
    public string? GreetingText { get; init; } = "Hello! Thanks for reaching out. How can we help you today?";

    /// <summary>Close the channel session when the connector reports that the customer left.</summary>
    public bool CloseSessionOnCustomerLeft { get; init; } = true;

    /// <summary>Close the channel session when the customer's inactivity timeout expires.</summary>
    public bool CloseSessionOnInactivity { get; init; } = true;

    /// <summary>Sent to the customer just before an inactive channel session is closed; none when empty.</summary>
    public string? InactivityClosingText { get; init; }

    /// <summary>Words that make the bot hand the customer over to a human agent (whole words, any case).</summary>
    /// <remarks>
    /// A plain array on purpose: a collection expression typed IReadOnlyList would be a compiler-made type, which the
    /// Azure Table grain storage writes into the JSON ($type) and then refuses to read back, so every conversation
    /// holding the default settings failed to reactivate (found by the silo crash test).
    /// </remarks>
    public IReadOnlyList<string> AgentRequestKeywords { get; init; } = new string[] { "agent", "human" };

    /// <summary>Hand every new conversation to an agent at once instead of waiting for a keyword.</summary>
    public bool HandOverImmediately { get; init; }

    /// <summary>Sent when the bot hands over to an agent; none when empty.</summary>
    public string? HandOverText { get; init; } = "Let me connect you with an agent.";

    /// <summary>Sent when the last agent leaves while the customer is still there; none when empty.</summary>
    public string? SurveyText { get; init; }

    /// <summary>Close the customer's channel sessions when the last agent leaves.</summary>
    public bool CloseSessionWhenAgentsLeave { get; init; }

    /// <summary>Queue the conversation for another agent when the last agent leaves (else the bot takes over).</summary>
    public bool RequeueWhenAgentsLeave { get; init; }

    /// <summary>
    /// The codes agents choose from in wrap-up (such as RESOLVED, CALLBACK); when empty, agents may write their own.
    /// A plain array for the same reason as <see cref="AgentRequestKeywords"/>.
    /// </summary>
    public IReadOnlyList<string> WrapUpCodes { get; init; } = new string[] { };

    /// <summary>
    /// Why an agent may be not ready (the desk offers these; the API takes no other). A plain array for the same reason
    /// as <see cref="AgentRequestKeywords"/>; settings stored before it existed read these defaults.
    /// </summary>
    public IReadOnlyList<string> NotReadyReasons { get; init; } = new[] { "Meeting", "Training", "Lunch", "Coaching", "Back office" };

    /// <summary>
    /// These settings with each keyword, wrap-up code and not-ready reason once. Rows stored before grain state was read into new objects
    /// (2026-11-27) may repeat keywords thousands of times: each read appended its own to one list shared by the silo's
    /// settings. What else that sharing mixed (another conversation's keywords and texts) cannot be told apart here;
    /// operators who changed the settings save them again.
    /// </summary>
    public ControllerSettings WithoutRepeats()
    {
        var keywords = AgentRequestKeywords.Distinct().ToArray();
        var codes = WrapUpCodes.Distinct().ToArray();
        var reasons = NotReadyReasons.Distinct().ToArray();
        return keywords.Length == AgentRequestKeywords.Count && codes.Length == WrapUpCodes.Count && reasons.Length == NotReadyReasons.Count
            ? this
            : this with { AgentRequestKeywords = keywords, WrapUpCodes = codes, NotReadyReasons = reasons };
    }
}
