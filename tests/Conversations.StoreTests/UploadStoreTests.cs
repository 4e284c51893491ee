using Conversations.Attachments;
using Conversations.Silo.Storage.Postgres;
using Conversations.Testing;

namespace Conversations.StoreTests;

[Collection(PostgresCollection.Name)]
public sealed class UploadStoreTests(PostgresFixture database)
{
    private readonly PostgresUploadStore _store = new(database.DataSource);

    [Fact]
    public async Task Save_ThenRead_GivesTheSameFileAndUnknownIdsNothing()
    {
        var upload = new StoredUpload(TestStores.UniqueName("upl-"), "application/pdf", "invoice.pdf", 4);
        var unnamed = upload with { Id = TestStores.UniqueName("upl-"), Name = null };

        await _store.SaveAsync(upload, [1, 2, 3, 4], DateTimeOffset.UtcNow);
        await _store.SaveAsync(unnamed, [5, 6, 7, 8], DateTimeOffset.UtcNow);

        var (read, bytes) = (await _store.ReadAsync(upload.Id))!.Value;
        var (readUnnamed, unnamedBytes) = (await _store.ReadAsync(unnamed.Id))!.Value;
        Assert.Equal((upload, unnamed), (read, readUnnamed));
        Assert.Equal([1, 2, 3, 4], bytes);
        Assert.Equal([5, 6, 7, 8], unnamedBytes);
        Assert.Null(await _store.ReadAsync("upl-unknown"));
        Assert.Equal(upload, await _store.DescribeAsync(upload.Id));
        Assert.Null(await _store.DescribeAsync("upl-unknown"));
    }
}
