using Conversations.Silo.Storage.Postgres;
using Conversations.Timing;

namespace Conversations.StoreTests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresWakeUpBookTests(PostgresFixture database) : WakeUpBookContract, IAsyncLifetime
{
    private readonly PostgresWakeUpBook _book = new(database.DataSource);

    protected override IWakeUpBook Book => _book;

    // Due entries are found by time, not by test: each test starts from an empty book.
    public Task InitializeAsync() => database.ExecuteAsync("TRUNCATE wake_up");

    public async Task DisposeAsync() => await _book.DisposeAsync();
}
