using Conversations.Channels;
using Conversations.Customers;
using Conversations.GrainTests.Foundation;
using Conversations.Testing;

namespace Conversations.GrainTests.Conversations;

[Collection(ClusterCollection.Name)]
public sealed class CustomerIdentityTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task NewCustomer_IdentityRecordLeavesMemory_AndTheNextMessageReachesTheSameConversation()
    {
        var whatsapp = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var identityKey = GrainKeys.Identity(new CustomerIdentity(IdentityKind.Phone, phone));

        var first = await _given.PostAsync(whatsapp, phone);

        // Grain timers run on the test clock: each look moves it on by the grain's idle life.
        await Eventually.MatchesAsync(
            () =>
            {
                fixture.Clock.Advance(CustomerIdentityGrain.IdleLife);
                return fixture.Grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)IdentityRecord(identityKey));
            },
            activations => activations == 0);
        Assert.True(fixture.SiloService<KnownIdentities>().TryFind(identityKey, out var known));
        Assert.Equal(first.CustomerId, known);
        var second = await _given.PostAsync(whatsapp, phone);
        Assert.Equal((first.CustomerId, first.ConversationId), (second.CustomerId, second.ConversationId));
        Assert.Equal(first.CustomerId, await IdentityRecord(identityKey).FindAsync());
    }

    [Fact]
    public async Task ASiloThatStillKnowsTheMergedCustomerAsOwner_DeliversToTheCustomerItWasMergedInto()
    {
        var whatsapp = await _given.ChannelAsync();
        var web = await _given.ChannelAsync("WEB", IdentityKind.WebVisitor);
        var visitor = "visitor-" + Guid.NewGuid().ToString("N");
        var asVisitor = await _given.PostAsync(web, visitor, "hi from the web");
        var asPhone = await _given.PostAsync(whatsapp, Builders.NewPhone(), "hi from whatsapp");
        await fixture.Grains.GetGrain<ICustomerMergeGrain>(GrainKeys.MergesKey).LinkIdentityAsync(asPhone.CustomerId, IdentityKind.WebVisitor, visitor);
        // As another silo would: it learned the owner before the merge moved the identity.
        var identityKey = GrainKeys.Identity(new CustomerIdentity(IdentityKind.WebVisitor, visitor));
        fixture.SiloService<KnownIdentities>().Remember(identityKey, asVisitor.CustomerId);

        var next = await _given.PostAsync(web, visitor, "still me");

        Assert.Equal((asPhone.CustomerId, asPhone.ConversationId), (next.CustomerId, next.ConversationId));
    }

    [Fact]
    public async Task ABurstOfANewCustomersFirstMessages_AllReachOneCustomerAndConversation()
    {
        var whatsapp = await _given.ChannelAsync();
        var phone = Builders.NewPhone();

        var accepted = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _given.PostAsync(whatsapp, phone)));

        Assert.Single(accepted.Select(a => (a.CustomerId, a.ConversationId)).Distinct());
    }

    [Fact]
    public async Task LinkingAnIdentityNobodyOwned_AfterItsFirstMessageMadeACustomer_ChangesNothing_AndTheLinkTakesThatCustomer()
    {
        var whatsapp = await _given.ChannelAsync();
        var web = await _given.ChannelAsync("WEB", IdentityKind.WebVisitor);
        var target = (await _given.PostAsync(whatsapp, Builders.NewPhone())).CustomerId;
        var visitor = "visitor-" + Guid.NewGuid().ToString("N");
        var identity = new CustomerIdentity(IdentityKind.WebVisitor, visitor);
        // The merge looked while the visitor was unknown; the visitor's first message came before the link.
        var madeMeanwhile = (await _given.PostAsync(web, visitor)).CustomerId;

        var absorbed = await fixture.Grains.GetGrain<ICustomerGrain>(target).AbsorbAsync(identity, previousOwnerId: null);

        Assert.Null(absorbed);
        Assert.Equal(madeMeanwhile, await IdentityRecord(GrainKeys.Identity(identity)).FindAsync());
        Assert.Null((await fixture.Grains.GetGrain<ICustomerGrain>(madeMeanwhile).GetAsync())!.MergedInto);
        var linked = await fixture.Grains.GetGrain<ICustomerMergeGrain>(GrainKeys.MergesKey).LinkIdentityAsync(target, IdentityKind.WebVisitor, visitor);
        Assert.Contains(identity, linked.Identities);
        Assert.Equal(target, (await fixture.Grains.GetGrain<ICustomerGrain>(madeMeanwhile).GetAsync())!.MergedInto);
    }

    [Fact]
    public async Task AMergeThatFailedPartWay_IsDoneWholeByTheNextLink_AfterTheGrainsReloaded()
    {
        var whatsapp = await _given.ChannelAsync();
        var web = await _given.ChannelAsync("WEB", IdentityKind.WebVisitor);
        var phone = Builders.NewPhone();
        var visitor = "visitor-" + Guid.NewGuid().ToString("N");
        var asVisitor = await _given.PostAsync(web, visitor, "hi from the web");
        var target = (await _given.PostAsync(whatsapp, phone, "hi from whatsapp")).CustomerId;
        await _given.CustomerLeftAsync(whatsapp, phone);
        var merges = fixture.Grains.GetGrain<ICustomerMergeGrain>(GrainKeys.MergesKey);
        // The surviving customer's store fails once, then every grain reloads from what was stored (a silo restart).
        fixture.SiloService<InterruptibleGrainStorage>().FailNextWriteOf(fixture.Grains.GetGrain<ICustomerGrain>(target).GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() => merges.LinkIdentityAsync(target, IdentityKind.WebVisitor, visitor));
        await fixture.DeactivateAllGrainsAsync();

        var merged = await merges.LinkIdentityAsync(target, IdentityKind.WebVisitor, visitor);

        Assert.Contains(new CustomerIdentity(IdentityKind.WebVisitor, visitor), merged.Identities);
        Assert.Equal(asVisitor.ConversationId, merged.ActiveConversationId);
        Assert.Equal(target, await IdentityRecord(GrainKeys.Identity(new CustomerIdentity(IdentityKind.WebVisitor, visitor))).FindAsync());
        var next = await _given.PostAsync(web, visitor, "still me");
        Assert.Equal((target, asVisitor.ConversationId), (next.CustomerId, next.ConversationId));
    }

    private ICustomerIdentityGrain IdentityRecord(string identityKey) => fixture.Grains.GetGrain<ICustomerIdentityGrain>(identityKey);
}
