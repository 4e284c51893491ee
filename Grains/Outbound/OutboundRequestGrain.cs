using Conversations.Channels;
using Conversations.Conversations;
using Conversations.Customers;
using Conversations.Domain;
using Conversations.Storage;

namespace Conversations.Outbound;

/// <summary>
/// Carries out one client request to write to a customer, once: it finds the channel, fills in the template, finds
/// (or, for supervisors, creates) the customer, checks an agent may write to them, and has the customer's grain write
/// in the live conversation or a new one. The answer is stored, so a retry gets it again without a second message. A
/// refusal stores nothing: the retry is decided anew.
/// </summary>
public sealed class OutboundRequestGrain(
    [PersistentState(StateNames.OutboundRequest, StorageNames.GrainState)] IPersistentState<OutboundRequestState> stored,
    ChannelDirectory channels)
    : Grain, IOutboundRequestGrain
{
    public async Task<OutboundStarted> StartAsync(OutboundRequest request)
    {
        var fingerprint = Fingerprint.Of(request);
        if (stored.State.Started is { } started)
        {
            return stored.State.Fingerprint == fingerprint
                ? started
                : throw DomainException.Conflict($"The request id '{request.RequestId}' was already used for another request.");
        }

        request.Validate();
        if (request.KnownCustomersOnly && request.OwnerAgentId is { } owner && owner != request.RequestedBy)
        {
            throw DomainException.Forbidden("An agent may name only itself as the owner of the replies.");
        }

        // A campaign checked its queue once, before it was stored.
        if (request.OwnerQueue is { } queue && !request.ForBatchRecipient)
        {
            OutboundRules.RequireOwnerQueue(queue, await GrainFactory.Get<IChannelCatalogGrain>(GrainKeys.CatalogKey).ListChannelsAsync());
        }

        var channel = await channels.FindAsync(request.ServiceIdentifier)
            ?? throw DomainException.NotFound($"No channel has the service identifier '{request.ServiceIdentifier}'.");
        var (text, template) = await ContentAsync(request);
        var (customerId, customerChannelIdentifier) = await RecipientAsync(request, channel);
        var owned = request.OwnerAgentId is null && request.OwnerQueue is null ? null : new ReplyOwner(request.OwnerAgentId, request.OwnerQueue, request.RequestedBy);
        var logged = await GrainFactory.Get<ICustomerGrain>(customerId).SendBusinessMessageAsync(channel, new BusinessMessage(
            channel.Channel.ServiceIdentifier, channel.Type.Code, customerChannelIdentifier, text,
            OutboundData.Of(request.RequestId, request.RequestedBy, template), channel.Channel.OutboundInactivityTimeout, owned));

        stored.State = new OutboundRequestState
        {
            Fingerprint = fingerprint,
            Started = new OutboundStarted(request.RequestId, customerId, logged.ConversationId, logged.ChannelSessionId, logged.Sequence, logged.JoinedLive),
        };
        await stored.WriteStateAsync();
        return stored.State.Started;
    }

    /// <summary>The text as given, or the channel's template filled in with what it is sent to the provider as.</summary>
    private async Task<(string Text, SentTemplate? Template)> ContentAsync(OutboundRequest request)
    {
        if (request.TemplateId is not { } templateId)
        {
            return (request.Text!, null);
        }

        var template = await GrainFactory.RequireTemplateAsync(request.ServiceIdentifier, templateId);
        return (MessageTemplateRules.Render(template, request.TemplateParameters), MessageTemplateRules.Sent(template, request.TemplateParameters));
    }

    /// <summary>The customer and the identifier they are reached by on the channel (their identity of its type's kind).</summary>
    private async Task<(string CustomerId, string CustomerChannelIdentifier)> RecipientAsync(OutboundRequest request, ResolvedChannel channel)
    {
        var kind = channel.Type.IdentityKind;
        string? customerId;
        if (request.CustomerIdentifier is { } raw)
        {
            var identity = CustomerIdentityRules.Identify(kind, raw);
            var identities = GrainFactory.Get<ICustomerIdentityGrain>(GrainKeys.Identity(identity));
            customerId = await identities.FindAsync();
            // An agent cannot have worked with someone never seen: nobody is created for it. Nor for a message the
            // channel refuses to someone who never wrote (free text on WhatsApp).
            if (customerId is null && !request.KnownCustomersOnly)
            {
                OutboundRules.RequireSendable(channel.Connector.Kind, request.TemplateId is not null, new ReplyWindow(Open: false, ClosesAt: null));
                customerId = await identities.ResolveAsync(identity);
            }
        }
        else
        {
            customerId = GrainKeys.IsCustomerId(request.CustomerId!) ? request.CustomerId : null;
        }

        if (request.KnownCustomersOnly
            && (customerId is null || !await GrainFactory.Get<ICustomerGrain>(customerId).HasWorkedWithAsync(request.RequestedBy)))
        {
            throw DomainException.Forbidden("Agents write first only to customers whose conversations they are or were in.");
        }

        var customer = customerId is null ? null : await GrainFactory.Get<ICustomerGrain>(customerId).GetAsync();
        while (customer?.MergedInto is { } target)
        {
            customer = await GrainFactory.Get<ICustomerGrain>(target).GetAsync();
        }

        if (customer is null)
        {
            throw DomainException.NotFound($"No customer {request.CustomerId}.");
        }

        var reachable = customer.Identities.FirstOrDefault(i => i.Kind == kind)
            ?? throw DomainException.Conflict($"Customer {customer.Id} has no {kind} identity to reach them on channel '{channel.Channel.ServiceIdentifier}'.");
        return (customer.Id, reachable.Value);
    }
}
