using Conversations.Silo.Hosting;
using Conversations.Silo.Storage.Postgres;
using Orleans.Storage;

namespace Conversations.StoreTests;

/// <summary>Grain state in PostgreSQL (Silo:GrainState=Postgres): the shared contract, then what its group commits add.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStateTests(PostgresGrainStateTests.PostgresCluster cluster)
    : GrainStateConformanceTests(cluster), IClassFixture<PostgresGrainStateTests.PostgresCluster>
{
    private PostgresGrainStorage Postgres => Assert.IsType<PostgresGrainStorage>(Storage);

    [Fact]
    public async Task ConcurrentGrains_ShareStatements_AndAConflictFailsOnlyItsOwnGrain()
    {
        var ids = Enumerable.Range(0, 40).Select(_ => NewGrainId()).ToArray();
        var stale = ids[7];
        await Storage.WriteStateAsync(StateName, stale, new GrainState<ProbeState>(new ProbeState { Text = "first" }));
        var before = Postgres.Batches;

        var reads = ids.Select(async id =>
        {
            var state = new GrainState<ProbeState>();
            await Storage.ReadStateAsync(StateName, id, state);
            return state;
        });
        var states = await Task.WhenAll(reads);
        // The stale grain's etag is taken from before its row existed, as a second activation racing the first would have it.
        states[7].ETag = null;
        var writes = ids.Zip(states).Select(async pair =>
        {
            pair.Second.State!.Text = pair.First.ToString();
            try
            {
                await Storage.WriteStateAsync(StateName, pair.First, pair.Second);
                return null;
            }
            catch (InconsistentStateException conflict)
            {
                return conflict;
            }
        });
        var outcomes = await Task.WhenAll(writes);

        var after = Postgres.Batches;
        Assert.Equal(Enumerable.Range(0, 40).Where(i => i != 7), outcomes.Select((o, i) => (o, i)).Where(x => x.o is null).Select(x => x.i));
        Assert.NotNull(outcomes[7]);
        Assert.True(after.Reads - before.Reads < ids.Length, $"40 concurrent reads took {after.Reads - before.Reads} statements");
        Assert.True(after.Writes - before.Writes < ids.Length, $"40 concurrent writes took {after.Writes - before.Writes} statements");
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var stored = new GrainState<ProbeState>();
            await Storage.ReadStateAsync(StateName, id, stored);
            Assert.Equal(i == 7 ? "first" : id.ToString(), stored.State!.Text);
        }
    }

    [Fact]
    public async Task TwoWritesOfOneGrainAtOnce_ExactlyOneReplacesTheVersion()
    {
        var id = NewGrainId();
        var state = new GrainState<ProbeState>(new ProbeState { Text = "first" });
        await Storage.WriteStateAsync(StateName, id, state);
        var copy = new GrainState<ProbeState>(new ProbeState { Text = "second" }) { ETag = state.ETag };

        // Both present the same version at once (in one batch or two): exactly one replaces it, the other is refused.
        var outcomes = await Task.WhenAll(
            Outcome(Storage.WriteStateAsync(StateName, id, state)),
            Outcome(Storage.WriteStateAsync(StateName, id, copy)));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, o => o is not null));
    }

    [Fact]
    public async Task ClearState_EmptiesTheRecord_AndTheNextWriteGoesOnFromItsVersion()
    {
        var id = NewGrainId();
        var state = new GrainState<ProbeState>(new ProbeState { Text = "kept", Count = 3 });
        await Storage.WriteStateAsync(StateName, id, state);
        var stale = new GrainState<ProbeState>(new ProbeState()) { ETag = state.ETag };

        await Storage.ClearStateAsync(StateName, id, state);
        var cleared = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, id, cleared);

        Assert.False(state.RecordExists);
        Assert.Equal((string.Empty, 0), (state.State!.Text, state.State.Count));
        Assert.False(cleared.RecordExists);
        Assert.Equal(state.ETag, cleared.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, id, stale));
        cleared.State!.Text = "again";
        await Storage.WriteStateAsync(StateName, id, cleared);
        var read = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, id, read);
        Assert.Equal(("again", true), (read.State!.Text, read.RecordExists));
    }

    private static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception error)
        {
            return error;
        }
    }

    public sealed class PostgresCluster(PostgresFixture postgres) : Cluster(postgres, GrainStateStore.Postgres, azureStorage: null);
}
