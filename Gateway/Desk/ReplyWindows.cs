using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Conversations;

namespace Conversations.Gateway.Desk;

/// <summary>
/// Tells the desk, per channel session, whether the agent may still write freely: on a WHATSAPP_CLOUD channel for
/// 24 hours after the customer's last message (the session's last customer activity), after that only a template goes out.
/// </summary>
public static class ReplyWindows
{
    public static async Task<ConversationView> WithReplyWindowsAsync(this ConversationView conversation, IClusterClient cluster, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var sessions = new List<ChannelSessionView>(conversation.ChannelSessions.Count);
        foreach (var session in conversation.ChannelSessions)
        {
            var channel = await cluster.Get<IChannelGrain>(GrainKeys.Channel(session.ServiceIdentifier)).GetAsync();
            sessions.Add(channel?.Connector.Kind == ConnectorKind.WhatsAppCloud
                ? session with { ReplyWindow = WhatsAppWindow.At(session.LastCustomerActivity, now) }
                : session);
        }

        return conversation with { ChannelSessions = sessions };
    }
}
