using System.Text.RegularExpressions;
using Conversations.Channels;
using Conversations.Outbound;

namespace Conversations.Domain;

/// <summary>What a business-initiated message must be before anything is started for it.</summary>
public static partial class OutboundRules
{
    public const int MaxRequestIdLength = 100;
    public const int MaxBatchRecipients = 10_000;

    /// <summary>
    /// How many times a campaign tries a recipient whose send fails for a reason other than a refusal (a store or
    /// silo fault) before it gives that recipient up, so one recipient that always fails cannot stall the campaign.
    /// </summary>
    public const int MaxRecipientAttempts = 3;

    /// <summary>
    /// WhatsApp takes free text only within 24 hours of the customer's last message; outside that window only a
    /// template may start or resume the conversation. Other channels have no such window.
    /// </summary>
    public const string OutsideWindowRefusal =
        "The customer has not written on this WhatsApp channel in the last 24 hours: outside WhatsApp's customer service window only a template may be sent.";

    /// <summary>
    /// A client's request id: what makes a retried request the same request, so it starts nothing twice. A batch's
    /// recipients have the batch's id and their place in it after a '#', which clients' own ids never have.
    /// </summary>
    public static string RequireRequestId(string? requestId, string field = "requestId", bool batchRecipient = false) =>
        IsRequestId(requestId, batchRecipient)
            ? requestId!
            : throw DomainException.Invalid($"The request id must be 1 to {MaxRequestIdLength} letters, digits, '-', '_', '.' or ':'.", field);

    public static bool IsRequestId(string? requestId, bool batchRecipient = false) =>
        requestId is not null && RequestIdPattern().Match(requestId) is { Success: true } match && match.Groups[1].Success == batchRecipient;

    /// <summary>Free text (no template) on a WhatsApp Cloud channel only while the reply window is open.</summary>
    public static void RequireSendable(ConnectorKind connector, bool template, ReplyWindow window)
    {
        if (connector == ConnectorKind.WhatsAppCloud && !template && !window.Open)
        {
            throw DomainException.Conflict(OutsideWindowRefusal);
        }
    }

    /// <summary>What one message and a campaign share: the channel, text or a template, and whom the replies go to.</summary>
    public static void RequireMessage(string? serviceIdentifier, string? text, bool template, string? ownerAgentId, string? ownerQueue)
    {
        TextRules.RequireLine(serviceIdentifier, "channel", ChannelCatalogRules.MaxServiceIdentifierLength, "channel");
        RequireOneContent(text, template);
        if (text is not null)
        {
            TextRules.RequireText(text, "message text", InboundRules.MaxTextLength, "text");
        }

        RequireOneOwner(ownerAgentId, ownerQueue);
    }

    /// <summary>Text or a template, not both and not neither.</summary>
    public static void RequireOneContent(string? text, bool template)
    {
        if (template == text is not null)
        {
            throw DomainException.Invalid("Give either the text of the message or a template, not both.", "text");
        }
    }

    /// <summary>An agent or a queue may own the replies, not both.</summary>
    public static void RequireOneOwner(string? agentId, string? queue)
    {
        if (agentId is not null && queue is not null)
        {
            throw DomainException.Invalid("Replies go to an owner agent or to a queue, not both.", "ownerQueue");
        }

        if (agentId is not null)
        {
            AgentRules.ValidateAgentId(agentId, "ownerAgentId");
        }

        TextRules.OptionalLine(queue, "queue", ChannelCatalogRules.MaxNameLength, "ownerQueue");
    }

    /// <summary>After <paramref name="attempts"/> faulted sends, whether the recipient is failed rather than tried again later.</summary>
    public static bool GivesUpRecipient(int attempts) => attempts >= MaxRecipientAttempts;

    /// <summary>The reason a recipient given up on is failed with.</summary>
    public static string GaveUpReason(string lastError) =>
        $"Sending failed {MaxRecipientAttempts} times; the recipient was given up. The last error: {lastError}";

    /// <summary>
    /// A queue that owns the replies is a pull list, so it must be one some pull channel parks its tasks on: a name
    /// nobody pulls from would strand the customer's reply.
    /// </summary>
    public static void RequireOwnerQueue(string queue, IEnumerable<Channel> channels)
    {
        if (!channels.Any(c => c.RoutingMode == RoutingMode.Pull && string.Equals(c.PullListName, queue, StringComparison.Ordinal)))
        {
            throw DomainException.Invalid($"No pull list is named '{queue}': the owner queue is the pull list name of a PULL channel.", "ownerQueue");
        }
    }

    /// <summary>Agents own the replies to what they start themselves; handing them to a queue is for supervisors and admins.</summary>
    public static void RequireOwnerQueueAllowed(string? queue, bool agent)
    {
        if (agent && queue is not null)
        {
            throw DomainException.Forbidden("Only supervisors and admins may name an owner queue.");
        }
    }

    public static void RequireBatchSize(int recipients)
    {
        if (recipients is < 1 or > MaxBatchRecipients)
        {
            throw DomainException.Invalid($"A batch has 1 to {MaxBatchRecipients} recipients.", "recipients");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,100}(#[0-9]{1,5})?\z")]
    private static partial Regex RequestIdPattern();
}
