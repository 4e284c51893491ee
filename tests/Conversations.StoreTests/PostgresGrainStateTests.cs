using Conversations.Silo.Hosting;
using Conversations.Silo.Storage;
using Conversations.Silo.Storage.Postgres;
using Conversations.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace Conversations.StoreTests;

/// <summary>Grain state in PostgreSQL (Silo:GrainState=Postgres): the shared contract, then what its group commits add.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStateTests(PostgresGrainStateTests.PostgresCluster cluster)
    : GrainStateConformanceTests(cluster), IClassFixture<PostgresGrainStateTests.PostgresCluster>
{
    private PostgresGrainStorage Postgres =>
        Assert.IsType<PostgresGrainStorage>(cluster.Services.GetRequiredKeyedService<IGrainStorage>(MintedKeyGrainStorage.StoreName));

    [Fact]
    public async Task ABatchWithOneRefusedWrite_TheOthersAreStored()
    {
        // grain_id_extension is varchar(512): PostgreSQL refuses the whole batch, and only the culprit may see it.
        var ids = Enumerable.Range(0, 20).Select(_ => NewGrainId()).Append(GrainId.Create("probe", new string('x', 600))).ToArray();

        var outcomes = await Task.WhenAll(ids.Select(id => Outcome(
            Storage.WriteStateAsync(StateName, id, new GrainState<ProbeState>(new ProbeState { Text = id.ToString() })))));

        Assert.All(outcomes[..^1], Assert.Null);
        Assert.IsType<PostgresException>(outcomes[^1]);
        var stored = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, ids[0], stored);
        Assert.Equal(ids[0].ToString(), stored.State!.Text);
    }

    [Fact]
    public async Task ARowWrittenByTheAdoNetProvidersQueries_IsReadAndReplaced_AndTheOtherWayRound()
    {
        // Silos of an earlier version write grain state through the OrleansQuery statements while a cluster upgrades.
        var serializer = cluster.Services.GetRequiredService<IGrainStorageSerializer>();
        var old = GrainId.Create("probe", "probe-" + Guid.NewGuid().ToString("N"));
        var version = await AdoNetQueryAsync("WriteToStorageKey", old, serializer.Serialize(new ProbeState { Text = "old silo", Count = 1 }).ToArray(), null);

        var read = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, old, read);
        Assert.Equal(("old silo", 1, version?.ToString()), (read.State!.Text, read.State.Count, read.ETag));
        read.State.Text = "new silo";
        await Storage.WriteStateAsync(StateName, old, read);

        var afterwards = await AdoNetQueryAsync("WriteToStorageKey", old, serializer.Serialize(new ProbeState { Text = "old silo again" }).ToArray(), int.Parse(read.ETag!));
        Assert.Equal(int.Parse(read.ETag!) + 1, afterwards);
        await Storage.ReadStateAsync(StateName, old, read);
        Assert.Equal("old silo again", read.State!.Text);
    }

    [Fact]
    public async Task ClearState_NeverWritten_StoresNothing()
    {
        var id = NewGrainId();
        var state = new GrainState<ProbeState>(new ProbeState { Text = "in memory only" });

        await Storage.ClearStateAsync(StateName, id, state);

        Assert.Equal((false, (string?)null, string.Empty), (state.RecordExists, state.ETag, state.State!.Text));
        Assert.Equal(0L, await cluster.Postgres.ScalarAsync<long>(
            $"SELECT count(*) FROM orleans_grain_state WHERE grain_id_extension = '{id.Key}'"));
    }

    [Fact]
    public async Task WriteState_AnETagThatIsNoVersion_IsAConflict()
    {
        var state = new GrainState<ProbeState>(new ProbeState()) { ETag = "W/\"datetime'2026-11-27'\"" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, NewGrainId(), state));
    }

    /// <summary>The ADO.NET provider's statement from OrleansQuery, bound as the provider binds a string-keyed grain.</summary>
    private async Task<int?> AdoNetQueryAsync(string key, GrainId id, byte[] payload, int? version)
    {
        var sql = await cluster.Postgres.ScalarAsync<string>($"SELECT QueryText FROM OrleansQuery WHERE QueryKey = '{key}'");
        await using var command = cluster.Postgres.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("ServiceId", cluster.ServiceId);
        command.Parameters.AddWithValue("GrainTypeString", StateName);
        command.Parameters.AddWithValue("GrainIdN0", 0L);
        command.Parameters.AddWithValue("GrainIdN1", 0L);
        command.Parameters.AddWithValue("GrainIdExtensionString", id.Key.ToString()!);
        command.Parameters.AddWithValue("PayloadBinary", payload);
        command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = (object?)version ?? DBNull.Value });
        return await command.ExecuteScalarAsync() is int stored ? stored : null;
    }

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
    public async Task TwoCreatesOfOneGrainAtOnce_ExactlyOneCreatesTheRow()
    {
        // Two activations that both found no row create it at once, among other grains' creates. A first write keeps
        // the store busy while the rest gather, so most rounds put both creates in one statement.
        for (var round = 0; round < 20; round++)
        {
            var id = NewGrainId();
            var writes = new[] { (NewGrainId(), "first"), (id, "one") }
                .Concat(Enumerable.Range(0, 6).Select(_ => (NewGrainId(), "other"))).Append((id, "two"))
                .Select(write => Outcome(Storage.WriteStateAsync(StateName, write.Item1, new GrainState<ProbeState>(new ProbeState { Text = write.Item2 }))));
            var outcomes = await Task.WhenAll(writes);

            Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, outcome => outcome is not null));
            Assert.All(outcomes[..^1].Where((_, i) => i != 1), Assert.Null);
            var stored = new GrainState<ProbeState>();
            await Storage.ReadStateAsync(StateName, id, stored);
            Assert.Equal("1", stored.ETag);
            Assert.Equal(outcomes[1] is null ? "one" : "two", stored.State!.Text);
        }
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
