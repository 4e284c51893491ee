using Conversations.Activities;
using Conversations.Channels;
using Conversations.Conversations;
using Conversations.Inbound;
using Conversations.Outbound;
using Conversations.Storage;
using Conversations.Telemetry;

namespace Conversations.Customers;

// One customer's grains live together on the silo that first served them: a silo loss stalls only its own customers.
[Orleans.Placement.PreferLocalPlacement]
public sealed class CustomerGrain(
    [PersistentState(StateNames.Customer, StorageNames.GrainState)] IPersistentState<CustomerState> customer,
    IActivityLog activityLog,
    ConversationsMetrics metrics,
    NewGrainKeys newKeys,
    TimeProvider time)
    : Grain, ICustomerGrain
{
    private RecentMessages? _recent;

    private CustomerState State => customer.State;

    private string Id => this.GetPrimaryKeyString();

    public async Task EnsureCreatedAsync(CustomerIdentity identity)
    {
        if (State.CreatedAt is not null)
        {
            return;
        }

        State.CreatedAt = time.GetUtcNow();
        State.Identities.Add(identity);

        // As after StartConversationAsync: an id whose conversation the next message starts, whether or not this one gets there.
        State.ActiveConversationId = newKeys.Mint(GrainKeys.NewConversationId());
        await customer.WriteStateAsync();
        // A customer made just now has no messages in the log yet: nothing to read.
        _recent = new RecentMessages();
    }

    public async Task<InboundAccepted> ReceiveMessageAsync(ResolvedChannel channel, InboundMessage message)
    {
        if (State.MergedInto is { } target)
        {
            return await Customer(target).ReceiveMessageAsync(channel, message);
        }

        // A repeat has the same sender, so it comes through this customer: messages pass here one at a
        // time, and this check and the taking below cannot interleave for the same key.
        var recent = _recent ??= RecentMessages.Of(
            await activityLog.ReadCustomerMessagesSinceAsync([Id, .. State.Absorbed], time.GetUtcNow() - RecentMessages.Window, RecentMessages.Capacity));
        var key = message.Key(channel);
        if (recent.Find(key) is { } original)
        {
            metrics.CustomerMessage(channel.Type.Code, duplicate: true);
            return original;
        }

        InboundAccepted accepted;
        try
        {
            accepted = await InLiveConversationAsync(conversation => conversation.ReceiveCustomerMessageAsync(Id, channel, message));
        }
        catch
        {
            // The message may be logged although the answer was lost: the connector's retry must find it, so the
            // next message reads the log again.
            _recent = null;
            throw;
        }

        metrics.CustomerMessage(channel.Type.Code, duplicate: false);
        recent.Taken(key, accepted, time.GetUtcNow());
        return accepted;
    }

    public async Task<BusinessMessageLogged> SendBusinessMessageAsync(ResolvedChannel channel, BusinessMessage message) =>
        State.MergedInto is { } target
            ? await Customer(target).SendBusinessMessageAsync(channel, message)
            : await InLiveConversationAsync(conversation => conversation.SendBusinessMessageAsync(Id, channel, message));

    public async Task AgentJoinedAsync(string agentId)
    {
        if (State.MergedInto is { } target)
        {
            await Customer(target).AgentJoinedAsync(agentId);
        }
        else if (!State.WorkedWith.Contains(agentId))
        {
            State.WorkedWith.Add(agentId);
            await customer.WriteStateAsync();
        }
    }

    public async Task<bool> HasWorkedWithAsync(string agentId)
    {
        if (State.MergedInto is { } target)
        {
            return await Customer(target).HasWorkedWithAsync(agentId);
        }

        // Conversations from before agents were remembered here still name theirs.
        return State.WorkedWith.Contains(agentId)
            || (State.ActiveConversationId is { } conversationId
                && await Conversation(conversationId).GetAsync() is { } live
                && live.Participants.Any(p => p.Role == ParticipantRole.Agent && p.Id == agentId));
    }

    public async Task<ConnectorEventHandled> ReceiveEventAsync(ResolvedChannel channel, ConnectorEvent connectorEvent)
    {
        if (State.MergedInto is { } target)
        {
            return await Customer(target).ReceiveEventAsync(channel, connectorEvent);
        }

        return State.ActiveConversationId is { } conversationId
            ? await Conversation(conversationId).CustomerLeftAsync(channel.Channel.ServiceIdentifier)
            : new ConnectorEventHandled(null, null, Closed: false);
    }

    public async Task<CustomerView?> AbsorbAsync(CustomerIdentity identity, string? previousOwnerId)
    {
        RequireCreated();
        // Only an identity nobody owned can change hands meanwhile (a first message creates its customer; merges run
        // one at a time): take it before anything else changes, or leave everything as it is.
        if (previousOwnerId is null && !await IdentityRecord(identity).AssignAsync(identity, Id, expectedOwner: null))
        {
            return null;
        }

        var handOver = previousOwnerId is null || previousOwnerId == Id ? null : await Customer(previousOwnerId).MergeIntoAsync(Id);
        var identities = (handOver?.Identities ?? []).Where(i => i != identity).Append(identity).Distinct().ToList();
        State.Identities = [.. State.Identities.Union(identities)];
        State.WorkedWith = [.. State.WorkedWith.Union(handOver?.WorkedWith ?? [])];
        if (handOver is not null && !State.Absorbed.Contains(previousOwnerId!))
        {
            // Its connectors' repeats now come here: read the window again, with its messages.
            State.Absorbed.Add(previousOwnerId!);
            _recent = null;
        }

        if (State.ActiveConversationId is null && handOver?.ActiveConversationId is { } adopted)
        {
            await Conversation(adopted).ReassignCustomerAsync(Id);
            State.ActiveConversationId = adopted;
        }

        await customer.WriteStateAsync();

        // The records move last, the linked identity's last of all: should any step fail, the retry still finds the
        // merged customer as its owner and does it all again, each step as it was. Messages reaching the merged
        // customer meanwhile are forwarded here. An identity of the merged customer whose record names someone else
        // (left without an owner by a failed write) stays with that one.
        foreach (var moved in identities)
        {
            await IdentityRecord(moved).AssignAsync(moved, Id, previousOwnerId);
        }

        return View();
    }

    public async Task<CustomerHandOver> MergeIntoAsync(string targetCustomerId)
    {
        RequireCreated();
        if (State.MergedInto is { } mergedInto)
        {
            return mergedInto == targetCustomerId
                ? new CustomerHandOver([.. State.Identities], State.HandedOverConversationId, [.. State.WorkedWith])
                : throw DomainException.Conflict($"Customer {Id} was already merged into {mergedInto}.");
        }

        State.MergedInto = targetCustomerId;
        State.HandedOverConversationId = State.ActiveConversationId;
        State.ActiveConversationId = null;
        await customer.WriteStateAsync();
        return new CustomerHandOver([.. State.Identities], State.HandedOverConversationId, [.. State.WorkedWith]);
    }

    public async Task ConversationEndedAsync(string conversationId)
    {
        if (State.ActiveConversationId == conversationId)
        {
            State.ActiveConversationId = null;
            await customer.WriteStateAsync();
        }
    }

    public Task<CustomerView?> GetAsync() => Task.FromResult(State.CreatedAt is null ? null : View());

    /// <summary>
    /// Hands the call to the customer's live conversation, or a new one when there is none or the one it had is over
    /// (the conversation answers null): the customer has one conversation at a time.
    /// </summary>
    private async Task<T> InLiveConversationAsync<T>(Func<IConversationGrain, Task<T?>> call)
        where T : class
    {
        while (true)
        {
            var conversationId = State.ActiveConversationId ?? await StartConversationAsync();
            if (await call(Conversation(conversationId)) is { } answer)
            {
                return answer;
            }

            State.ActiveConversationId = null;
        }
    }

    private async Task<string> StartConversationAsync()
    {
        State.ActiveConversationId = newKeys.Mint(GrainKeys.NewConversationId());
        await customer.WriteStateAsync();
        return State.ActiveConversationId;
    }

    private void RequireCreated()
    {
        if (State.CreatedAt is null)
        {
            throw DomainException.NotFound($"No customer {Id}.");
        }
    }

    private CustomerView View() =>
        new(Id, [.. State.Identities], State.ActiveConversationId, State.CreatedAt!.Value, State.MergedInto);

    private ICustomerGrain Customer(string id) => GrainFactory.Get<ICustomerGrain>(id);

    private ICustomerIdentityGrain IdentityRecord(CustomerIdentity identity) => GrainFactory.Get<ICustomerIdentityGrain>(GrainKeys.Identity(identity));

    private IConversationGrain Conversation(string id) => GrainFactory.Get<IConversationGrain>(id);

}
