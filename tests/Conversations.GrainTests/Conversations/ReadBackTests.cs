using Conversations.Activities;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.Customers;
using Conversations.GrainTests.Foundation;

namespace Conversations.GrainTests.Conversations;

[Collection(ClusterCollection.Name)]
public sealed class ReadBackTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task Activities_ReadInPages_ComeInOrderWithoutGapsOrRepeats()
    {
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone, "m0");
        for (var i = 1; i < 12; i++)
        {
            await _given.PostAsync(channel, phone, $"m{i}");
        }

        var read = new List<Activity>();
        var after = 0L;
        ActivityPage page;
        do
        {
            page = await fixture.Grains.GetGrain<IConversationGrain>(accepted.ConversationId).GetActivitiesAsync(after, 5);
            Assert.True(page.Items.Count <= 5);
            read.AddRange(page.Items);
            after = page.NextAfterSequence;
        }
        while (page.HasMore);

        Assert.Equal(Enumerable.Range(1, read.Count).Select(i => (long)i), read.Select(a => a.Sequence));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"m{i}"), read.Where(a => a.Kind == ActivityKind.CustomerMessage).Select(a => a.Text));
    }

    [Fact]
    public async Task AllGrains_DeactivatedAndReactivated_KeepTheirState()
    {
        var whatsapp = await _given.ChannelAsync();
        var sms = await _given.ChannelAsync("SMS", IdentityKind.Phone);
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(whatsapp, phone, channelData: new Dictionary<string, string> { ["locale"] = "fr-FR" });
        await _given.PostAsync(sms, phone);
        var conversationBefore = await _given.ConversationAsync(accepted.ConversationId);
        var customerBefore = await fixture.Grains.GetGrain<ICustomerGrain>(accepted.CustomerId).GetAsync();
        var activitiesBefore = await _given.ActivitiesAsync(accepted.ConversationId);
        var channelsBefore = await _given.Catalog.ListChannelsAsync();

        await fixture.DeactivateAllGrainsAsync();

        var conversationAfter = await _given.ConversationAsync(accepted.ConversationId);
        Assert.Equal(Builders.Json(conversationBefore), Builders.Json(conversationAfter));
        Assert.Equal(Builders.Json(customerBefore), Builders.Json(await fixture.Grains.GetGrain<ICustomerGrain>(accepted.CustomerId).GetAsync()));
        Assert.Equal(channelsBefore, await _given.Catalog.ListChannelsAsync());
        Assert.Equal(activitiesBefore.Count, (await _given.ActivitiesAsync(accepted.ConversationId)).Count);

        var next = await _given.PostAsync(whatsapp, phone, "after reactivation");
        Assert.Equal((accepted.ConversationId, accepted.ChannelSessionId), (next.ConversationId, next.ChannelSessionId));
        Assert.Equal(activitiesBefore[^1].Sequence + 1, next.Sequence);
    }

    [Fact]
    public async Task Customer_FoundByAnyIdentitySpelling()
    {
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone);

        var found = await fixture.Grains.GetGrain<ICustomerDirectoryGrain>(0).FindAsync(IdentityKind.Phone, "whatsapp:" + phone[..6] + " " + phone[6..]);

        Assert.Equal(accepted.CustomerId, found!.Id);
        Assert.Equal(accepted.ConversationId, found.ActiveConversationId);
    }

    [Fact]
    public async Task Session_ReadDirectly_ShowsItsConversationAndChannel()
    {
        var channel = await _given.ChannelAsync();
        var accepted = await _given.PostAsync(channel, Builders.NewPhone());

        var session = await fixture.Grains.GetGrain<IChannelSessionGrain>(accepted.ChannelSessionId).GetAsync();

        Assert.Equal((accepted.ConversationId, accepted.CustomerId, channel.ServiceIdentifier, "WHATSAPP", SessionDirection.Inbound),
            (session!.ConversationId, session.CustomerId, session.ServiceIdentifier, session.ChannelTypeCode, session.Direction));
    }
}
