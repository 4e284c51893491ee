using Conversations.Activities;
using Conversations.ChannelSessions;
using Conversations.Channels;
using Conversations.Conversations;
using Conversations.Outbound;
using Conversations.Silo.Hosting;
using Conversations.Storage;
using Conversations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Conversations.StoreTests;

/// <summary>
/// The contract grains rely on, checked against each production grain-state option through the storage
/// provider the production wiring registers under <see cref="StorageNames.GrainState"/>. Conflicts must
/// surface as InconsistentStateException or a subtype (Azure Table storage throws its own subtype).
/// </summary>
public abstract class GrainStateConformanceTests(GrainStateConformanceTests.Cluster cluster)
{
    protected const string StateName = "probe";

    protected IGrainStorage Storage => cluster.Storage;

    protected static GrainId NewGrainId() => GrainId.Create("probe", Guid.NewGuid().ToString("N"));

    private NewGrainKeys NewKeys => cluster.Services.GetRequiredService<NewGrainKeys>();

    [Fact]
    public async Task AKeyJustMintedHere_ActivatesWithoutARead_AndItsFirstWriteCreatesTheRow()
    {
        var id = NewGrainId();
        NewKeys.Mint(id.Key.ToString()!);

        var state = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, id, state);
        state.State!.Text = "new";
        await Storage.WriteStateAsync(StateName, id, state);
        var reactivated = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, id, reactivated);

        Assert.Equal(("new", state.ETag, true), (reactivated.State!.Text, reactivated.ETag, reactivated.RecordExists));
    }

    [Fact]
    public async Task AKeyMintedHereWhoseRowWasWrittenElsewhere_StartsEmpty_ThenConflicts_AndTheNextActivationReadsTheRow()
    {
        // An activation on another silo wrote the row before this silo's first activation of the grain.
        var id = NewGrainId();
        var elsewhere = new GrainState<ProbeState>(new ProbeState { Text = "elsewhere" });
        await Storage.WriteStateAsync(StateName, id, elsewhere);
        NewKeys.Mint(id.Key.ToString()!);

        var state = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, id, state);
        Assert.Equal((false, (string?)null, string.Empty), (state.RecordExists, state.ETag, state.State!.Text));
        state.State.Text = "overwrite";
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, state));
        var reactivated = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, id, reactivated);

        Assert.Equal(("elsewhere", elsewhere.ETag), (reactivated.State!.Text, reactivated.ETag));
    }

    [Fact]
    public async Task WriteState_ThenRead_RoundTripsWithANewETagPerWrite()
    {
        var id = NewGrainId();
        var written = new GrainState<ProbeState>(new ProbeState { Text = "first", Count = 1 });

        await Storage.WriteStateAsync(StateName, id, written);
        var firstEtag = written.ETag;
        var read = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, id, read);

        Assert.NotNull(firstEtag);
        Assert.True(read.RecordExists);
        Assert.Equal(firstEtag, read.ETag);
        Assert.Equal(("first", 1), (read.State!.Text, read.State!.Count));

        read.State!.Text = "second";
        read.State!.Count = 2;
        await Storage.WriteStateAsync(StateName, id, read);
        var again = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, id, again);

        Assert.NotEqual(firstEtag, read.ETag);
        Assert.Equal(read.ETag, again.ETag);
        Assert.Equal(("second", 2), (again.State!.Text, again.State!.Count));
    }

    [Fact]
    public async Task ReadState_SettingsOfItsOwn_AreReadIntoANewObject_NotIntoTheSharedDefaults()
    {
        // A state class starts with ControllerSettings.Default, one object for the whole silo. A reader that fills
        // objects it finds in place wrote each conversation's settings into it, and appended each read's keywords to
        // the list it had made there: every reactivation grew it, and every message's keyword check read all of it.
        var id = NewGrainId();
        var own = ControllerSettings.Default with { GreetingText = "Welcome back", AgentRequestKeywords = new[] { "operator" } };
        await Storage.WriteStateAsync(StateName, id, new GrainState<ConversationState>(new ConversationState { Settings = own }));

        var reads = new List<ConversationState>();
        for (var i = 0; i < 3; i++)
        {
            var read = new GrainState<ConversationState>();
            await Storage.ReadStateAsync(StateName, id, read);
            reads.Add(read.State!);
        }

        Assert.All(reads, read =>
        {
            Assert.NotSame(ControllerSettings.Default, read.Settings);
            Assert.Equal("Welcome back", read.Settings.GreetingText);
            Assert.Equal(["operator"], read.Settings.AgentRequestKeywords);
        });
        Assert.Equal(new ControllerSettings().GreetingText, ControllerSettings.Default.GreetingText);
        Assert.Equal(["agent", "human"], ControllerSettings.Default.AgentRequestKeywords);
    }

    [Fact]
    public async Task WriteState_DefaultControllerSettings_ReadBackWhole()
    {
        // Conversations keep these settings in their state; a value the store cannot read back (a compiler-made
        // collection type in the JSON) made every conversation fail to reactivate after a silo restart.
        var id = NewGrainId();
        await Storage.WriteStateAsync(StateName, id, new GrainState<ControllerSettings>(ControllerSettings.Default));

        var read = new GrainState<ControllerSettings>();
        await Storage.ReadStateAsync(StateName, id, read);

        Assert.Equal(ControllerSettings.Default.AgentRequestKeywords, read.State!.AgentRequestKeywords);
        Assert.Equal(ControllerSettings.Default.GreetingText, read.State.GreetingText);
    }

    [Fact]
    public async Task WriteState_LiveConversationsBook_ReadBackWhole()
    {
        // A book is rewritten on every change it takes; what a conversation reports must come back as it went in.
        var conversation = new ConversationState { CustomerId = "cust-1", Status = ConversationStatus.Active, CreatedAt = DateTimeOffset.UnixEpoch };
        conversation.Participants.Add(new Participant(ParticipantRole.Agent, "alice", DateTimeOffset.UnixEpoch, null));
        var entry = LiveConversation.Of("conv-1", conversation, DateTimeOffset.UnixEpoch)!;
        var book = new LiveConversationsState();
        book.Live[entry.ConversationId] = entry;
        book.Ended["conv-0"] = DateTimeOffset.UnixEpoch;
        var id = NewGrainId();
        await Storage.WriteStateAsync(StateName, id, new GrainState<LiveConversationsState>(book));

        var read = new GrainState<LiveConversationsState>();
        await Storage.ReadStateAsync(StateName, id, read);

        Assert.True(entry.ShowsTheSameAs(read.State!.Live["conv-1"]));
        Assert.Equal(["alice"], read.State.Live["conv-1"].AgentIds);
        Assert.Equal(DateTimeOffset.UnixEpoch, read.State.Ended["conv-0"]);
    }

    [Fact]
    public async Task WriteState_CampaignSliceAndReplyOwner_ReadBackWhole()
    {
        // A campaign's slice is rewritten with its outcomes, and a conversation keeps the owner of an outbound reply:
        // both must come back as they went in, or a resumed campaign or a reactivated conversation fails.
        var slice = new OutboundBatchChunkState
        {
            FirstIndex = 250,
            Recipients = [new BatchRecipient(null, "+16505551234", ["Ann", "1001"])],
            Outcomes = [new RecipientOutcome(250, RecipientStatus.Sent, "cust-1", "conv-1", 3, At: DateTimeOffset.UnixEpoch)],
        };
        var conversation = new ConversationState { CustomerId = "cust-1", ReplyOwner = new ReplyOwner("alice", null, "sup") };
        var (sliceId, conversationId) = (NewGrainId(), NewGrainId());
        await Storage.WriteStateAsync(StateName, sliceId, new GrainState<OutboundBatchChunkState>(slice));
        await Storage.WriteStateAsync(StateName, conversationId, new GrainState<ConversationState>(conversation));

        var readSlice = new GrainState<OutboundBatchChunkState>();
        var readConversation = new GrainState<ConversationState>();
        await Storage.ReadStateAsync(StateName, sliceId, readSlice);
        await Storage.ReadStateAsync(StateName, conversationId, readConversation);

        Assert.Equal(["Ann", "1001"], Assert.Single(readSlice.State!.Recipients).TemplateParameters!);
        Assert.Equal(slice.Outcomes[0], Assert.Single(readSlice.State.Outcomes));
        Assert.Equal(conversation.ReplyOwner, readConversation.State!.ReplyOwner);
    }

    [Fact]
    public async Task ReadState_NeverWritten_GivesNoRecord()
    {
        var read = new GrainState<ProbeState>();

        await Storage.ReadStateAsync(StateName, NewGrainId(), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task WriteState_StaleETag_IsRefusedAndChangesNothing()
    {
        var id = NewGrainId();
        var original = new GrainState<ProbeState>(new ProbeState { Text = "original" });
        await Storage.WriteStateAsync(StateName, id, original);
        var first = new GrainState<ProbeState>();
        var second = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, id, first);
        await Storage.ReadStateAsync(StateName, id, second);

        first.State!.Text = "winner";
        await Storage.WriteStateAsync(StateName, id, first);
        second.State!.Text = "loser";

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, second));
        var stored = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, id, stored);
        Assert.Equal("winner", stored.State!.Text);
    }

    [Fact]
    public async Task WriteState_CreatingStateThatExists_IsRefused()
    {
        var id = NewGrainId();
        await Storage.WriteStateAsync(StateName, id, new GrainState<ProbeState>(new ProbeState { Text = "first activation" }));

        var duplicate = new GrainState<ProbeState>(new ProbeState { Text = "second activation" });

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, duplicate));
    }

    [Fact]
    public async Task WriteState_KeysDifferingOnlyByAnEmptyExtension_AreDifferentGrains()
    {
        // Orleans reads "1F" as integer key 0x1F without extension and "1F+" as the same integer with an empty one,
        // so the ADO.NET provider sends both with the same numbers, one with a NULL extension and one with ''.
        var key = Random.Shared.NextInt64(1, long.MaxValue).ToString("X");
        GrainId[] ids = [GrainId.Create("probe", key), GrainId.Create("probe", key + "+"), GrainId.Create("probe", "probe-" + key)];
        foreach (var id in ids)
        {
            var state = new GrainState<ProbeState>(new ProbeState { Text = id.ToString() });
            await Storage.WriteStateAsync(StateName, id, state);
            state.State!.Count = 1;
            await Storage.WriteStateAsync(StateName, id, state);
        }

        foreach (var id in ids)
        {
            var read = new GrainState<ProbeState>();
            await Storage.ReadStateAsync(StateName, id, read);
            Assert.Equal((id.ToString(), 1), (read.State!.Text, read.State.Count));
        }
    }

    [Fact]
    public async Task DomainState_IsStoredWithoutTypeNamesOfDeclaredTypes_AndReadsBothWaysWithOrleansDefaultJson()
    {
        var serializer = cluster.Services.GetRequiredService<IGrainStorageSerializer>();
        var legacy = OrleansJsonSerializerSettings.GetDefaultSerializerSettings(cluster.Services);
        var session = new ChannelSession(new ChannelSessionState(), DateTimeOffset.UnixEpoch);
        session.Open(new ChannelSessionOpening(
            "conv-1", "cust-1", "web-1", "WEB", "visitor-1", SessionDirection.Inbound, new Dictionary<string, string> { ["page"] = "/pricing" }, TimeSpan.FromMinutes(5)));
        var id = GrainId.Create("channelSession", "cs-" + Guid.NewGuid().ToString("N"));

        await Storage.WriteStateAsync(StateName, id, new GrainState<ChannelSessionState>(session.State));
        var read = new GrainState<ChannelSessionState>();
        await Storage.ReadStateAsync(StateName, id, read);
        var compact = serializer.Serialize(session.State).ToString();
        var oldRow = JsonConvert.SerializeObject(session.State, typeof(ChannelSessionState), legacy);

        Assert.Equal(compact, serializer.Serialize(read.State).ToString());
        Assert.Equal(compact, serializer.Serialize(serializer.Deserialize<ChannelSessionState>(new BinaryData(oldRow))).ToString());
        // A silo of the previous version, still on Orleans' defaults during a rolling upgrade, reads the new rows too.
        Assert.Equal(compact, serializer.Serialize(JsonConvert.DeserializeObject<ChannelSessionState>(compact, legacy)).ToString());
        // The old row names every type and refers to the shared channel data by reference id; the opening's channel
        // data is declared as an interface, so only it keeps a type name.
        Assert.Contains("\"$ref\"", oldRow);
        Assert.DoesNotContain("\"$id\"", compact);
        Assert.Single(compact.Split("\"$type\"")[1..]);
    }

    /// <summary>One test cluster per grain-state option, shared by its tests: each test uses grain ids of its own.</summary>
    public abstract class Cluster(PostgresFixture postgres, GrainStateStore store, string? azureStorage) : IAsyncLifetime
    {
        private TestCluster _cluster = null!;

        public string ServiceId { get; } = TestStores.UniqueName("svc");

        public PostgresFixture Postgres => postgres;

        /// <summary>The silo's services: its storage provider and the serializer grain state is stored with.</summary>
        public IServiceProvider Services => ((InProcessSiloHandle)_cluster.Silos[0]).ServiceProvider;

        public IGrainStorage Storage => Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);

        public async Task InitializeAsync()
        {
            _cluster = ProductionTestCluster.Build(postgres.ConnectionString, azureStorage, store, ServiceId);
            await _cluster.DeployAsync();
        }

        public async Task DisposeAsync()
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }
}
