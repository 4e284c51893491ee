using System.Text.Json;
using Conversations.Activities;
using Conversations.Channels;
using Conversations.Conversations;
using Conversations.Gateway.Streaming;
using Conversations.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.WebChat;

/// <summary>
/// Server-sent events for one web chat visitor: the messages of their conversation (theirs, the bot's, agents') and
/// agents joining and leaving, replayed after the cursor, then as they come. Each event's id is the cursor
/// ("conversation-id:sequence", as the desk's), so a reconnect (Last-Event-ID) or a reloaded page (<c>?after=</c>)
/// gets exactly what it missed and nothing twice. When the visitor's conversation ends and they write again, the
/// stream moves on to the new one.
/// </summary>
public sealed class VisitorStream(IClusterClient cluster, WebChatChannels channels, RetiredVisitors retired, MediaLinks links, IOptions<JsonOptions> json, TimeProvider time)
{
    /// <summary>
    /// The conversation grain has no observers (the desk's live feed comes from the agent grain, which visitors have
    /// none of), so the stream reads the log again this often: a read-only call to a grain in memory, and what is new
    /// reaches the visitor within this time.
    /// </summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan KeepAliveAfter = TimeSpan.FromSeconds(15);

    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    public async Task RunAsync(HttpContext http, ResolvedChannel channel, string customerIdentifier)
    {
        var cursor = ConversationCursor.Parse(ServerSentEvents.ResumeFrom(http.Request));
        var shown = await ResumedConversationAsync(channel, customerIdentifier, cursor);
        var stopping = http.RequestAborted;
        try
        {
            await ServerSentEvents.StartAsync(http);
            var lastWrite = time.GetUtcNow();
            while (true)
            {
                var customer = await channels.CustomerAsync(channel, customerIdentifier);
                if (await retired.IsRetiredAsync(channel, customerIdentifier, customer))
                {
                    // A signed-in user took this chat over: the anonymous token sees no more of it.
                    return;
                }

                if (customer?.ActiveConversationId is { } active && active != shown)
                {
                    shown = active;
                    foreach (var (other, _) in cursor.Conversations.ToList())
                    {
                        cursor.Forget(other);
                    }
                }

                if (shown is not null && await SendNewAsync(http, shown, cursor))
                {
                    lastWrite = time.GetUtcNow();
                }
                else if (time.GetUtcNow() - lastWrite >= KeepAliveAfter)
                {
                    await ServerSentEvents.KeepAliveAsync(http, lastWrite = time.GetUtcNow());
                }

                await Task.Delay(PollInterval, time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// The conversation the cursor resumes, checked before the stream starts (afterwards no error can be reported): it
    /// must be this visitor's, so a page that remembered its ended conversation shows it again and nobody reads another's.
    /// </summary>
    private async Task<string?> ResumedConversationAsync(ResolvedChannel channel, string customerIdentifier, ConversationCursor cursor)
    {
        var resumed = cursor.Conversations.Select(c => c.Key).ToList();
        if (resumed.Count == 0)
        {
            return null;
        }

        var customer = await channels.CustomerAsync(channel, customerIdentifier);
        if (resumed.Count > 1 || customer is null
            || (await cluster.Get<IConversationGrain>(resumed[0]).GetAsync())?.CustomerId != customer.Id)
        {
            throw DomainException.Forbidden("The cursor names a conversation that is not this visitor's.");
        }

        return resumed[0];
    }

    /// <summary>Sends what the visitor sees of the activities after the cursor; true when anything was sent.</summary>
    private async Task<bool> SendNewAsync(HttpContext http, string conversationId, ConversationCursor cursor)
    {
        var sent = false;
        var conversation = cluster.Get<IConversationGrain>(conversationId);
        await foreach (var activity in conversation.ActivitiesAfterAsync(cursor.ReadOf(conversationId), http.RequestAborted))
        {
            // Activities the visitor does not see move the cursor too, so the next poll does not read them again.
            if (cursor.Advance(conversationId, activity.Sequence) && EventName(activity) is { } eventName)
            {
                var shown = new VisitorEvent(
                    conversationId, activity.Sequence, activity.From, activity.Text, activity.OccurredAt,
                    activity.Kind == ActivityKind.CustomerMessage ? activity.ConnectorMessageId : null,
                    Attachments(activity));
                await ServerSentEvents.WriteAsync(http, cursor.ToString(), eventName, JsonSerializer.Serialize(shown, _json));
                sent = true;
            }
        }

        return sent;
    }

    /// <summary>
    /// Uploaded files as signed links relative to the gateway, which the visitor's page already reaches; files a provider
    /// keeps are not the visitor's to fetch.
    /// </summary>
    private List<VisitorAttachment>? Attachments(Activity activity) =>
        activity.Attachments?.Where(a => a.Source == AttachmentSource.Upload)
            .Select(a => new VisitorAttachment(a.ContentType, a.Name, a.Size, links.Create(string.Empty, a.Reference, time.GetUtcNow())))
            .ToList();

    private static string? EventName(Activity activity) => activity switch
    {
        { Kind: ActivityKind.CustomerMessage or ActivityKind.BotMessage or ActivityKind.AgentMessage or ActivityKind.SystemMessage } => "message",
        { Kind: ActivityKind.ParticipantJoined, From: ParticipantRole.Agent } => "agent-joined",
        { Kind: ActivityKind.ParticipantLeft, From: ParticipantRole.Agent } => "agent-left",
        _ => null,
    };
}
