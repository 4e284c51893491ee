using Conversations.Channels;
using Conversations.Silo.Hosting;
using Conversations.Storage;
using Conversations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Conversations.StoreTests;

/// <summary>
/// The contract grains rely on, checked against each production grain-state option through the storage
/// provider the production wiring registers under <see cref="StorageNames.GrainState"/>. Conflicts must
/// surface as InconsistentStateException or a subtype (Azure Table storage throws its own subtype).
/// </summary>
public abstract class GrainStateConformanceTests : IAsyncLifetime
{
    private const string StateName = "probe";
    private readonly PostgresTestDatabase _database = new();
    private TestCluster _cluster = null!;

    protected abstract GrainStateStore Store { get; }

    protected abstract string? AzureStorage { get; }

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _cluster = ProductionTestCluster.Build(_database.ConnectionString, AzureStorage, Store, TestStores.UniqueName("svc"));
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await _database.DisposeAsync();
    }

    private IGrainStorage Storage =>
        ((InProcessSiloHandle)_cluster.Silos[0]).ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);

    private static GrainId NewGrainId() => GrainId.Create("probe", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task State_round_trips_and_each_write_gets_a_new_etag()
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
    public async Task Default_controller_settings_read_back_after_a_write()
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
    public async Task Reading_state_never_written_gives_no_record()
    {
        var read = new GrainState<ProbeState>();

        await Storage.ReadStateAsync(StateName, NewGrainId(), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
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
    public async Task Creating_state_that_already_exists_is_refused()
    {
        var id = NewGrainId();
        await Storage.WriteStateAsync(StateName, id, new GrainState<ProbeState>(new ProbeState { Text = "first activation" }));

        var duplicate = new GrainState<ProbeState>(new ProbeState { Text = "second activation" });

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, duplicate));
    }
}
