using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.Customers;
using Conversations.GrainTests.Foundation;

namespace Conversations.GrainTests.Conversations;

[Collection(ClusterCollection.Name)]
public sealed class ChannelSwitchTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task Customer_WritesOnASecondChannel_JoinsTheSameConversationWithItsOwnChannelData()
    {
        var whatsapp = await _given.ChannelAsync();
        var sms = await _given.ChannelAsync("SMS", IdentityKind.Phone);
        var phone = Builders.NewPhone();
        var first = await _given.PostAsync(whatsapp, phone, channelData: new Dictionary<string, string> { ["profileName"] = "Jane" });

        var second = await _given.PostAsync(sms, phone, channelData: new Dictionary<string, string> { ["carrier"] = "Telekom" });

        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.NotEqual(first.ChannelSessionId, second.ChannelSessionId);
        var sessions = (await _given.ConversationAsync(first.ConversationId)).ChannelSessions;
        Assert.Equal(2, sessions.Count);
        Assert.Equal("Jane", sessions.Single(s => s.ServiceIdentifier == whatsapp.ServiceIdentifier).ChannelData["profileName"]);
        Assert.Equal("Telekom", sessions.Single(s => s.ServiceIdentifier == sms.ServiceIdentifier).ChannelData["carrier"]);
        Assert.All(sessions, s => Assert.Equal(ChannelSessionStatus.Open, s.Status));
    }

    [Fact]
    public async Task Customer_LeavesOneOfTwoChannels_ConversationStaysWithTheOther()
    {
        var whatsapp = await _given.ChannelAsync();
        var sms = await _given.ChannelAsync("SMS", IdentityKind.Phone);
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(whatsapp, phone);
        await _given.PostAsync(sms, phone);

        await _given.CustomerLeftAsync(whatsapp, phone);

        var conversation = await _given.ConversationAsync(accepted.ConversationId);
        Assert.Equal(ConversationStatus.Created, conversation.State);
        Assert.Equal(ChannelSessionStatus.Closed, conversation.ChannelSessions.Single(s => s.ServiceIdentifier == whatsapp.ServiceIdentifier).Status);
        Assert.Equal(ChannelSessionStatus.Open, conversation.ChannelSessions.Single(s => s.ServiceIdentifier == sms.ServiceIdentifier).Status);
    }

    [Fact]
    public async Task WebVisitor_LinkedToAKnownPhoneCustomer_MergesIntoOneCustomerAndConversation()
    {
        var whatsapp = await _given.ChannelAsync();
        var web = await _given.ChannelAsync("WEB", IdentityKind.WebVisitor);
        var phone = Builders.NewPhone();
        var visitor = "visitor-" + Guid.NewGuid().ToString("N");
        var asVisitor = await _given.PostAsync(web, visitor, "hi from the web");
        var phoneCustomerId = (await _given.PostAsync(whatsapp, phone, "hi from whatsapp")).CustomerId;
        await _given.CustomerLeftAsync(whatsapp, phone);

        var merged = await Merges.LinkIdentityAsync(phoneCustomerId, IdentityKind.WebVisitor, visitor);

        Assert.Contains(merged.Identities, i => i == new CustomerIdentity(IdentityKind.WebVisitor, visitor));
        Assert.Equal(asVisitor.ConversationId, merged.ActiveConversationId);
        Assert.Equal(phoneCustomerId, (await _given.ConversationAsync(asVisitor.ConversationId)).CustomerId);
        var visitorCustomer = await fixture.Grains.GetGrain<ICustomerGrain>(asVisitor.CustomerId).GetAsync();
        Assert.Equal(phoneCustomerId, visitorCustomer!.MergedInto);

        var next = await _given.PostAsync(web, visitor, "still me");
        Assert.Equal((phoneCustomerId, asVisitor.ConversationId), (next.CustomerId, next.ConversationId));
        var found = await fixture.Grains.GetGrain<ICustomerDirectoryGrain>(0).FindAsync(IdentityKind.WebVisitor, visitor);
        Assert.Equal(phoneCustomerId, found!.Id);
    }

    [Fact]
    public async Task TwoCustomers_LinkedToEachOthersIdentitiesAtOnce_NeitherWaitsNorMergeIntoEachOther()
    {
        var whatsapp = await _given.ChannelAsync();
        var web = await _given.ChannelAsync("WEB", IdentityKind.WebVisitor);
        var phone = Builders.NewPhone();
        var visitor = "visitor-" + Guid.NewGuid().ToString("N");
        var phoneCustomer = (await _given.PostAsync(whatsapp, phone)).CustomerId;
        var visitorCustomer = (await _given.PostAsync(web, visitor)).CustomerId;

        var outcomes = await Task.WhenAll(
            Attempt(() => Merges.LinkIdentityAsync(phoneCustomer, IdentityKind.WebVisitor, visitor)),
            Attempt(() => Merges.LinkIdentityAsync(visitorCustomer, IdentityKind.Phone, phone)));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o?.Kind == DomainErrorKind.Conflict);
        var merged = new[] { await Customer(phoneCustomer), await Customer(visitorCustomer) };
        Assert.Single(merged, c => c.MergedInto is not null);
        var survivor = Assert.Single(merged, c => c.MergedInto is null);
        Assert.Equal(survivor.Id, (await fixture.Grains.GetGrain<ICustomerDirectoryGrain>(0).FindAsync(IdentityKind.Phone, phone))!.Id);
        Assert.Equal(survivor.Id, (await fixture.Grains.GetGrain<ICustomerDirectoryGrain>(0).FindAsync(IdentityKind.WebVisitor, visitor))!.Id);
    }

    [Fact]
    public async Task Repeat_OfAMessageTheMergedCustomerTook_IsRecognisedByTheCustomerItWasMergedInto()
    {
        var whatsapp = await _given.ChannelAsync();
        var web = await _given.ChannelAsync("WEB", IdentityKind.WebVisitor);
        var visitor = "visitor-" + Guid.NewGuid().ToString("N");
        var original = await _given.PostAsync(web, visitor, "hi from the web", messageId: "web-msg-1");
        var phoneCustomerId = (await _given.PostAsync(whatsapp, Builders.NewPhone(), "hi from whatsapp")).CustomerId;
        await Merges.LinkIdentityAsync(phoneCustomerId, IdentityKind.WebVisitor, visitor);

        var repeat = await _given.PostAsync(web, visitor, "hi from the web", messageId: "web-msg-1");

        Assert.Equal(original with { Duplicate = true }, repeat);
    }

    private ICustomerMergeGrain Merges => fixture.Grains.GetGrain<ICustomerMergeGrain>(GrainKeys.MergesKey);

    private async Task<CustomerView> Customer(string id) => (await fixture.Grains.GetGrain<ICustomerGrain>(id).GetAsync())!;

    private static async Task<DomainException?> Attempt(Func<Task> link)
    {
        try
        {
            await link();
            return null;
        }
        catch (DomainException e)
        {
            return e;
        }
    }
}
