using Conversations.Silo.Storage.Postgres;
using Conversations.Timing;

namespace Conversations.StoreTests;

public sealed class PostgresWakeUpBookTests(PostgresTestDatabase database) : WakeUpBookContract, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    protected override IWakeUpBook Book => new PostgresWakeUpBook(database.DataSource);

    public Task InitializeAsync() => database.MigrateAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
