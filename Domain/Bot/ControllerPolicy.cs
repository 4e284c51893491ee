using System.Text.RegularExpressions;
using Conversations.Channels;
using Conversations.ChannelSessions;

namespace Conversations.Domain;

/// <summary>Something the controller bot is told about.</summary>
public abstract record ControllerSignal
{
    public sealed record ConversationStarted(string ChannelSessionId) : ControllerSignal;

    public sealed record CustomerLeftChannel(string ChannelSessionId) : ControllerSignal;

    public sealed record SessionInactive(string ChannelSessionId) : ControllerSignal;

    /// <summary>A customer message; <paramref name="AgentEngaged"/> when an agent is in or already requested.</summary>
    public sealed record CustomerMessage(string ChannelSessionId, string Text, bool AgentEngaged) : ControllerSignal;

    /// <summary>The last agent left; the customer is still on <paramref name="OpenChannelSessionIds"/> (most recent first).</summary>
    public sealed record LastAgentLeft(IReadOnlyList<string> OpenChannelSessionIds) : ControllerSignal;
}

/// <summary>Something the controller bot wants done; the conversation grain carries it out.</summary>
public abstract record ControllerIntent
{
    public sealed record SendToCustomer(string Text, string ChannelSessionId) : ControllerIntent;

    public sealed record CloseChannelSession(string ChannelSessionId, SessionCloseReason Reason) : ControllerIntent;

    public sealed record RequestAgent : ControllerIntent;
}

/// <summary>The controller bot's decisions: a pure function of the signal and its configuration.</summary>
public static partial class ControllerPolicy
{
    public static IReadOnlyList<ControllerIntent> React(ControllerSignal signal, ControllerSettings settings) => signal switch
    {
        ControllerSignal.ConversationStarted started => settings.HandOverImmediately
            ? [.. SendIfConfigured(settings.GreetingText, started.ChannelSessionId), .. HandOver(settings, started.ChannelSessionId)]
            : SendIfConfigured(settings.GreetingText, started.ChannelSessionId),
        ControllerSignal.CustomerMessage message => !message.AgentEngaged && AsksForAgent(message.Text, settings.AgentRequestKeywords)
            ? HandOver(settings, message.ChannelSessionId)
            : [],
        ControllerSignal.CustomerLeftChannel left => settings.CloseSessionOnCustomerLeft
            ? [new ControllerIntent.CloseChannelSession(left.ChannelSessionId, SessionCloseReason.CustomerLeft)]
            : [],
        ControllerSignal.SessionInactive inactive => settings.CloseSessionOnInactivity
            ? [.. SendIfConfigured(settings.InactivityClosingText, inactive.ChannelSessionId),
               new ControllerIntent.CloseChannelSession(inactive.ChannelSessionId, SessionCloseReason.Inactivity)]
            : [],
        ControllerSignal.LastAgentLeft left => AfterAgentsLeft(left.OpenChannelSessionIds, settings),
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown controller signal."),
    };

    /// <summary>Whether the text holds one of the keywords as a whole word, in any case.</summary>
    public static bool AsksForAgent(string text, IReadOnlyList<string> keywords)
    {
        var words = WordSeparator().Split(text);
        return keywords.Any(k => words.Contains(k, StringComparer.OrdinalIgnoreCase));
    }

    private static IReadOnlyList<ControllerIntent> HandOver(ControllerSettings settings, string channelSessionId) =>
        [.. SendIfConfigured(settings.HandOverText, channelSessionId), new ControllerIntent.RequestAgent()];

    private static IReadOnlyList<ControllerIntent> AfterAgentsLeft(IReadOnlyList<string> openSessions, ControllerSettings settings)
    {
        if (openSessions.Count == 0)
        {
            return [];
        }

        var intents = new List<ControllerIntent>(SendIfConfigured(settings.SurveyText, openSessions[0]));
        if (settings.CloseSessionWhenAgentsLeave)
        {
            intents.AddRange(openSessions.Select(s => new ControllerIntent.CloseChannelSession(s, SessionCloseReason.Controller)));
        }
        else if (settings.RequeueWhenAgentsLeave)
        {
            intents.Add(new ControllerIntent.RequestAgent());
        }

        return intents;
    }

    private static IReadOnlyList<ControllerIntent> SendIfConfigured(string? text, string channelSessionId) =>
        string.IsNullOrWhiteSpace(text) ? [] : [new ControllerIntent.SendToCustomer(text, channelSessionId)];

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex WordSeparator();
}
