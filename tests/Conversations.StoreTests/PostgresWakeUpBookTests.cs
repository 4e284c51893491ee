using Conversations.Silo.Storage.Postgres;
using Conversations.Timing;

namespace Conversations.StoreTests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresWakeUpBookTests(PostgresFixture database) : WakeUpBookContract, IAsyncLifetime
{
    protected override IWakeUpBook Book { get; } = new PostgresWakeUpBook(database.DataSource);

    // Due entries are found by time, not by test: each test starts from an empty book.
    public Task InitializeAsync() => database.ExecuteAsync("TRUNCATE wake_up");

    public Task DisposeAsync() => Task.CompletedTask;
}
