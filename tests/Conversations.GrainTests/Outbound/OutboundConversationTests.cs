using Conversations.Activities;
using Conversations.Agents;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.Customers;
using Conversations.Domain;
using Conversations.GrainTests.Foundation;
using Conversations.Outbound;
using Conversations.Testing;

namespace Conversations.GrainTests.Outbound;

/// <summary>Conversations the business starts: outbound sessions, templates, idempotent requests and the owner of the reply.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OutboundConversationTests(ClusterFixture fixture)
{
    private const string Supervisor = "sup-outbound";
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task Start_TemplateToANewCustomer_OpensAnOutboundSessionWithTheTemplateFilledIn()
    {
        var (channel, template) = await ChannelWithTemplateAsync();
        var phone = Builders.NewPhone();

        var started = await StartAsync(Request(channel, phone) with { TemplateId = template.Id, TemplateParameters = ["Ann", "A-1001"] });

        var conversation = await _given.ConversationAsync(started.ConversationId);
        var session = Assert.Single(conversation.ChannelSessions);
        Assert.False(started.JoinedLiveConversation);
        Assert.Equal((SessionDirection.Outbound, phone, started.ChannelSessionId), (session.Direction, session.CustomerChannelIdentifier, session.Id));
        Assert.Equal(session.OpenedAt + TimeSpan.FromSeconds(Channel.DefaultOutboundInactivityTimeoutSeconds), session.ExpiresAt);
        var message = (await _given.ActivitiesAsync(started.ConversationId)).Single(a => a.Kind == ActivityKind.BotMessage);
        Assert.Equal(("Hi Ann, your order A-1001 has shipped.", started.Sequence), (message.Text, message.Sequence));
        var sent = Assert.Single(fixture.Delivered.To(started.ConversationId)).Message;
        Assert.Equal(("order_update", "en"), (sent.Template?.ProviderName, sent.Template?.Language));
        Assert.Equal(["Ann", "A-1001"], sent.Template!.Parameters);
    }

    [Fact]
    public async Task Start_SameRequestIdAgain_StartsNothingTwiceAndAnswersTheSame()
    {
        var (channel, _) = await ChannelWithTemplateAsync();
        var request = Request(channel, Builders.NewPhone()) with { Text = "Your parcel is on its way." };

        var first = await StartAsync(request);
        var retried = await StartAsync(request);

        Assert.Equal(first, retried);
        Assert.Single(await _given.ActivitiesAsync(first.ConversationId), a => a.Kind == ActivityKind.BotMessage);
        Assert.Single(fixture.Delivered.To(first.ConversationId));
        var other = await Assert.ThrowsAsync<DomainException>(() => StartAsync(request with { Text = "Something else." }));
        Assert.Equal(DomainErrorKind.Conflict, other.Kind);
    }

    [Fact]
    public async Task SendBusinessMessage_SameRequestAgainAfterItsAnswerWasLost_LogsAndSendsOnce()
    {
        var (channel, _) = await ChannelWithTemplateAsync();
        var phone = Builders.NewPhone();
        var inbound = await _given.PostAsync(channel, phone, "Where is my order?");
        var resolved = (await fixture.SiloService<ChannelDirectory>().FindAsync(channel.ServiceIdentifier))!;
        var message = new BusinessMessage(
            channel.ServiceIdentifier, resolved.Type.Code, phone, "It left the warehouse today.",
            OutboundData.Of("lost-" + Guid.NewGuid().ToString("N"), Supervisor, null), TimeSpan.FromHours(1), null);
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(inbound.CustomerId);
        var first = await customer.SendBusinessMessageAsync(resolved, message);

        // The request grain never stored that answer (a timeout, its silo stopped): the client sends the request again.
        var again = await customer.SendBusinessMessageAsync(resolved, message);

        Assert.Equal(first, again);
        Assert.Single(await _given.ActivitiesAsync(inbound.ConversationId), a => a.Text == "It left the warehouse today.");
        Assert.Single(fixture.Delivered.To(inbound.ConversationId), d => d.Message.Text == "It left the warehouse today.");
    }

    [Fact]
    public async Task Start_CustomerWithALiveConversation_JoinsItOnTheSessionTheyWroteOn()
    {
        var (channel, _) = await ChannelWithTemplateAsync();
        var phone = Builders.NewPhone();
        var inbound = await _given.PostAsync(channel, phone, "Where is my order?");

        var started = await StartAsync(Request(channel, phone) with { Text = "It left the warehouse today." });

        Assert.True(started.JoinedLiveConversation);
        Assert.Equal((inbound.ConversationId, inbound.ChannelSessionId, inbound.CustomerId), (started.ConversationId, started.ChannelSessionId, started.CustomerId));
        Assert.Equal(SessionDirection.Inbound, Assert.Single((await _given.ConversationAsync(started.ConversationId)).ChannelSessions).Direction);
    }

    [Fact]
    public async Task Reply_ToAMessageWithAnOwnerAgent_IsOfferedToTheOwnerOnTheFirstReplyOnly()
    {
        var typeCode = Builders.NewTypeCode();
        var (channel, template) = await ChannelWithTemplateAsync(typeCode);
        var longestIdle = await _given.AgentAsync(typeCode);
        var owner = await _given.AgentAsync(typeCode);
        var ownerId = (await owner.GetAsync())!.Id;
        var phone = Builders.NewPhone();

        var started = await StartAsync(Request(channel, phone) with { TemplateId = template.Id, TemplateParameters = ["Ann", "A-1"], OwnerAgentId = ownerId });
        Assert.Empty((await owner.GetAsync())!.Tasks);
        await _given.PostAsync(channel, phone, "Can I change the address?");

        var offered = await Builders.OfferToAsync(owner);
        Assert.Equal(started.ConversationId, offered.ConversationId);
        Assert.Empty((await longestIdle.GetAsync())!.Tasks);
        await owner.AcceptAsync(offered.TaskId);
        Assert.Contains(await _given.ActivitiesAsync(started.ConversationId), a => a.Kind == ActivityKind.ParticipantJoined && a.ParticipantId == ownerId);
    }

    [Fact]
    public async Task Reply_ToAMessageWithAnOwnerQueue_IsParkedOnThatList()
    {
        var (channel, _) = await ChannelWithTemplateAsync();
        var phone = Builders.NewPhone();
        var queue = "follow-ups-" + Guid.NewGuid().ToString("N")[..6];
        // Another channel's pull list: the reply's own channel pushes, so only the owner can park it there.
        await _given.ChannelAsync(customize: c => c with { RoutingMode = RoutingMode.Pull, PullListName = queue });
        var started = await StartAsync(Request(channel, phone) with { Text = "We have news about your claim.", OwnerQueue = queue });

        await _given.PostAsync(channel, phone, "Tell me");

        var parked = await Eventually.MatchesAsync(
            () => fixture.Grains.GetGrain<IPullListGrain>(GrainKeys.PullList(queue)).ListAsync(), tasks => tasks.Count == 1, "the reply's task on the owner queue");
        Assert.Equal(started.ConversationId, parked[0].ConversationId);
    }

    [Fact]
    public async Task Start_ByAnAgentForACustomerTheyNeverServed_IsForbiddenAndCreatesNobody()
    {
        var (channel, _) = await ChannelWithTemplateAsync();
        var phone = Builders.NewPhone();

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            StartAsync(Request(channel, phone) with { Text = "Hello!", RequestedBy = "agent-x", KnownCustomersOnly = true }));

        Assert.Equal(DomainErrorKind.Forbidden, refused.Kind);
        Assert.Null(await fixture.Grains.GetGrain<Customers.ICustomerIdentityGrain>(GrainKeys.Identity(new Customers.CustomerIdentity(IdentityKind.Phone, phone))).FindAsync());
    }

    [Fact]
    public async Task HasWorkedWith_AnAgentOfACustomerMergedIn_CountsForTheCustomerItWasMergedInto()
    {
        var typeCode = Builders.NewTypeCode();
        var (channel, _) = await ChannelWithTemplateAsync(typeCode);
        var agent = await _given.AgentAsync(typeCode);
        var agentId = (await agent.GetAsync())!.Id;
        var (served, other) = (Builders.NewPhone(), Builders.NewPhone());
        var first = await _given.PostAsync(channel, served, "I want an agent");
        await agent.AcceptAsync((await Builders.OfferToAsync(agent)).TaskId);
        var firstCustomer = fixture.Grains.GetGrain<Customers.ICustomerGrain>(first.CustomerId);
        await Eventually.MatchesAsync(() => firstCustomer.HasWorkedWithAsync(agentId), worked => worked, "the agent to be remembered");
        var second = await _given.PostAsync(channel, other, "Hello");

        await fixture.Grains.GetGrain<Customers.ICustomerMergeGrain>(GrainKeys.MergesKey).LinkIdentityAsync(second.CustomerId, IdentityKind.Phone, served);

        Assert.True(await fixture.Grains.GetGrain<Customers.ICustomerGrain>(second.CustomerId).HasWorkedWithAsync(agentId));
    }

    [Fact]
    public async Task Batch_OfAThousand_CompletesWithEachOutcomeAtTheChannelsRate()
    {
        const int rate = 100;
        var (channel, template) = await ChannelWithTemplateAsync(customize: c => c with { OutboundMessagesPerSecond = rate });
        var recipients = Enumerable.Range(0, 1000).Select(i => new BatchRecipient(null, Builders.NewPhone(), ["Ann", $"A-{i}"])).ToArray();
        var batchId = "campaign-" + Guid.NewGuid().ToString("N")[..8];
        var batch = fixture.Grains.GetGrain<IOutboundBatchGrain>(GrainKeys.OutboundBatch(batchId));

        var accepted = await batch.StartAsync(new OutboundBatch(batchId, channel.ServiceIdentifier, null, template.Id, null, null, Supervisor, recipients));

        Assert.Equal(1000, accepted.Total);
        // A second's worth goes at once, then the batch waits for the next second: never more than the rate.
        for (var second = 0; second < 10; second++)
        {
            var expected = rate * (second + 1);
            await Eventually.MatchesAsync(() => batch.GetAsync(0, 0), s => s!.Sent == expected, $"{expected} sent after {second} s");
            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var done = await Eventually.MatchesAsync(() => batch.GetAsync(0, 1000), s => s!.CompletedAt is not null, "the batch to complete");
        Assert.Equal((1000, 1000, 0, 0), (done!.Total, done.Sent, done.Failed, done.Pending));
        Assert.Equal(Enumerable.Range(0, 1000), done.Recipients.Select(r => r.Index));
        Assert.All(done.Recipients, r => Assert.Equal(RecipientStatus.Sent, r.Status));
        Assert.Equal(1000, done.Recipients.Select(r => r.ConversationId).Distinct().Count());
        Assert.Equal(Enumerable.Repeat(rate, 10), done.Recipients.GroupBy(r => r.At).Select(sameSecond => sameSecond.Count()));
        Assert.Equal("Hi Ann, your order A-999 has shipped.", (await _given.ActivitiesAsync(done.Recipients[999].ConversationId!)).Single(a => a.Kind == ActivityKind.BotMessage).Text);
    }

    [Fact]
    public async Task Batch_TwoCampaignsOnOneChannel_ShareItsRateAndBothComplete()
    {
        const int rate = 5;
        var (channel, template) = await ChannelWithTemplateAsync(customize: c => c with { OutboundMessagesPerSecond = rate });
        var batches = Enumerable.Range(0, 2).Select(_ => fixture.Grains.GetGrain<IOutboundBatchGrain>(GrainKeys.OutboundBatch("campaign-" + Guid.NewGuid().ToString("N")[..8]))).ToArray();

        await Task.WhenAll(batches.Select(batch => batch.StartAsync(new OutboundBatch(
            batch.GetPrimaryKeyString()[GrainKeys.OutboundBatchPrefix.Length..], channel.ServiceIdentifier, null, template.Id, null, null, Supervisor,
            [.. Enumerable.Range(0, 10).Select(i => new BatchRecipient(null, Builders.NewPhone(), ["Ann", $"A-{i}"]))]))));

        // Together they send a second's worth, then wait for the next second: never more than the channel's rate.
        for (var second = 0; second < 4; second++)
        {
            var expected = rate * (second + 1);
            await Eventually.MatchesAsync(
                async () => (await Task.WhenAll(batches.Select(b => b.GetAsync(0, 0)))).Sum(s => s!.Sent), sent => sent == expected, $"{expected} sent after {second} s");
            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var done = await Task.WhenAll(batches.Select(b => Eventually.MatchesAsync(() => b.GetAsync(0, 10), s => s!.CompletedAt is not null, "both batches to complete")));
        Assert.All(done, d => Assert.Equal((10, 10), (d!.Total, d.Sent)));
        Assert.Equal(Enumerable.Repeat(rate, 4), done.SelectMany(d => d!.Recipients).GroupBy(r => r.At).OrderBy(g => g.Key).Select(sameSecond => sameSecond.Count()));
        Assert.All(done, d => Assert.True(d!.Recipients.Select(r => r.At).Distinct().Count() > 1, "each campaign waits for the other's share"));
    }

    [Fact]
    public async Task Batch_WokenAfterItsActivationWentAway_CarriesOnAndSendsNobodyTwice()
    {
        var (channel, template) = await ChannelWithTemplateAsync(customize: c => c with { OutboundMessagesPerSecond = 1 });
        var batchId = "campaign-" + Guid.NewGuid().ToString("N")[..8];
        var batch = fixture.Grains.GetGrain<IOutboundBatchGrain>(GrainKeys.OutboundBatch(batchId));
        var recipients = Enumerable.Range(0, 3).Select(i => new BatchRecipient(null, Builders.NewPhone(), ["Ann", $"A-{i}"])).ToArray();
        await batch.StartAsync(new OutboundBatch(batchId, channel.ServiceIdentifier, null, template.Id, null, null, Supervisor, recipients));
        var first = (await Eventually.MatchesAsync(() => batch.GetAsync(0, 1), s => s!.Sent == 1, "the first message to go out"))!.Recipients[0];

        await fixture.DeactivateAllGrainsAsync();
        // The going activation stopped and stored the outcome it had, so the resumed run takes no slot for it.
        Assert.Equal((1, 2), ((await batch.GetAsync(0, 0))!.Sent, (await batch.GetAsync(0, 0))!.Pending));
        await batch.WakeAsync();

        // At one a second, the second recipient goes at once only if the first, already sent, took no slot.
        await Eventually.MatchesAsync(() => batch.GetAsync(0, 0), s => s!.Sent == 2, "the second sent without waiting");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        var done = await Eventually.MatchesAsync(() => batch.GetAsync(0, 3), s => s!.CompletedAt is not null, "the batch to complete");
        Assert.Equal(first, done!.Recipients[0]);
        Assert.Single(fixture.Delivered.To(first.ConversationId!));
    }

    [Fact]
    public async Task Batch_RecipientsWhoCannotBeReached_FailAloneWithTheReason()
    {
        var (channel, template) = await ChannelWithTemplateAsync();
        var batchId = "campaign-" + Guid.NewGuid().ToString("N")[..8];
        var batch = fixture.Grains.GetGrain<IOutboundBatchGrain>(GrainKeys.OutboundBatch(batchId));
        BatchRecipient[] recipients = [new(null, Builders.NewPhone(), ["Ann", "A-1"]), new("cust-00000000000000000000000000000000", null, ["Bo", "A-2"]), new(null, Builders.NewPhone(), ["Cy"])];

        await batch.StartAsync(new OutboundBatch(batchId, channel.ServiceIdentifier, null, template.Id, null, null, Supervisor, recipients));

        var done = await Eventually.MatchesAsync(() => batch.GetAsync(0, 10), s => s!.CompletedAt is not null, "the batch to complete");
        Assert.Equal((1, 2), (done!.Sent, done.Failed));
        Assert.Equal([RecipientStatus.Sent, RecipientStatus.Failed, RecipientStatus.Failed], done.Recipients.Select(r => r.Status));
        Assert.Contains("takes 2 parameters", done.Recipients[2].Failure);
    }

    [Fact]
    public async Task Batch_ARecipientWhoseSendKeepsFaulting_IsFailedAfterThreeAttemptsAndTheOthersGoOn()
    {
        var (channel, template) = await ChannelWithTemplateAsync();
        var log = fixture.SiloService<GatedActivityLog>();
        var broken = "Broken-" + Guid.NewGuid().ToString("N")[..8];
        log.FailAppendsWith(broken);
        var batchId = "campaign-" + Guid.NewGuid().ToString("N")[..8];
        var batch = fixture.Grains.GetGrain<IOutboundBatchGrain>(GrainKeys.OutboundBatch(batchId));
        BatchRecipient[] recipients = [new(null, Builders.NewPhone(), ["Ann", "A-1"]), new(null, Builders.NewPhone(), [broken, "A-2"]), new(null, Builders.NewPhone(), ["Cy", "A-3"])];

        await batch.StartAsync(new OutboundBatch(batchId, channel.ServiceIdentifier, null, template.Id, null, null, Supervisor, recipients));
        // Each fault stops the run until its wake-up; the test wakes it rather than wait the minute.
        await Eventually.MatchesAsync(
            async () =>
            {
                await batch.WakeAsync();
                return log.FailuresFor(broken);
            },
            failures => failures >= OutboundRules.MaxRecipientAttempts,
            "the broken recipient to be tried three times");

        var done = await Eventually.MatchesAsync(() => batch.GetAsync(0, 10), s => s!.CompletedAt is not null, "the batch to complete");
        Assert.Equal(OutboundRules.MaxRecipientAttempts, log.FailuresFor(broken));
        Assert.Equal([RecipientStatus.Sent, RecipientStatus.Failed, RecipientStatus.Sent], done!.Recipients.Select(r => r.Status));
        Assert.Contains("failed 3 times", done.Recipients[1].Failure);
        Assert.Single(fixture.Delivered.To(done.Recipients[0].ConversationId!));
    }

    private async Task<(Channel Channel, MessageTemplate Template)> ChannelWithTemplateAsync(string? typeCode = null, Func<Channel, Channel>? customize = null)
    {
        var channel = await _given.ChannelAsync(typeCode ?? Builders.NewTypeCode(), customize: customize);
        var template = await _given.Catalog.CreateTemplateAsync(new MessageTemplate(
            "order-update-" + Guid.NewGuid().ToString("N")[..8], channel.ServiceIdentifier, "order_update", "en", "Hi {{1}}, your order {{2}} has shipped."));
        return (channel, template);
    }

    private static OutboundRequest Request(Channel channel, string phone) => new(
        "req-" + Guid.NewGuid().ToString("N"), channel.ServiceIdentifier, null, phone, null, null, null, null, null, Supervisor, KnownCustomersOnly: false);

    private Task<OutboundStarted> StartAsync(OutboundRequest request) =>
        fixture.Grains.GetGrain<IOutboundRequestGrain>(GrainKeys.OutboundRequest(request.RequestId)).StartAsync(request);
}
