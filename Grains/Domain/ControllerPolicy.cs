using Conversations.Channels;
using Conversations.ChannelSessions;

namespace Conversations.Domain;

/// <summary>Something the controller bot is told about.</summary>
public abstract record ControllerSignal
{
    public sealed record ConversationStarted(string ChannelSessionId) : ControllerSignal;

    public sealed record CustomerLeftChannel(string ChannelSessionId) : ControllerSignal;

    public sealed record SessionInactive(string ChannelSessionId) : ControllerSignal;
}

/// <summary>Something the controller bot wants done; the conversation grain carries it out.</summary>
public abstract record ControllerIntent
{
    public sealed record SendToCustomer(string Text, string ChannelSessionId) : ControllerIntent;

    public sealed record CloseChannelSession(string ChannelSessionId, SessionCloseReason Reason) : ControllerIntent;
}

/// <summary>The controller bot's decisions: a pure function of the signal and its configuration.</summary>
public static class ControllerPolicy
{
    public static IReadOnlyList<ControllerIntent> React(ControllerSignal signal, ControllerSettings settings) => signal switch
    {
        ControllerSignal.ConversationStarted started => SendIfConfigured(settings.GreetingText, started.ChannelSessionId),
        ControllerSignal.CustomerLeftChannel left => settings.CloseSessionOnCustomerLeft
            ? [new ControllerIntent.CloseChannelSession(left.ChannelSessionId, SessionCloseReason.CustomerLeft)]
            : [],
        ControllerSignal.SessionInactive inactive => settings.CloseSessionOnInactivity
            ? [.. SendIfConfigured(settings.InactivityClosingText, inactive.ChannelSessionId),
               new ControllerIntent.CloseChannelSession(inactive.ChannelSessionId, SessionCloseReason.Inactivity)]
            : [],
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown controller signal."),
    };

    private static IReadOnlyList<ControllerIntent> SendIfConfigured(string? text, string channelSessionId) =>
        string.IsNullOrWhiteSpace(text) ? [] : [new ControllerIntent.SendToCustomer(text, channelSessionId)];
}
