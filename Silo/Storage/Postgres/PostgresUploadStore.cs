using Conversations.Attachments;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Silo.Storage.Postgres;

public sealed class PostgresUploadStore(NpgsqlDataSource dataSource) : IUploadStore
{
    public async Task SaveAsync(StoredUpload upload, byte[] bytes, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO upload (id, content_type, name, size, bytes, uploaded_at) VALUES (@id, @type, @name, @size, @bytes, @at)
            """);
        command.Parameters.AddWithValue("id", upload.Id);
        command.Parameters.AddWithValue("type", upload.ContentType);
        command.Parameters.Add(new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = (object?)upload.Name ?? DBNull.Value });
        command.Parameters.AddWithValue("size", upload.Size);
        command.Parameters.AddWithValue("bytes", bytes);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredUpload?> DescribeAsync(string id, CancellationToken cancellationToken = default) =>
        (await ReadAsync(id, withBytes: false, cancellationToken))?.Upload;

    public async Task<(StoredUpload Upload, byte[] Bytes)?> ReadAsync(string id, CancellationToken cancellationToken = default) =>
        await ReadAsync(id, withBytes: true, cancellationToken) is var (upload, bytes) ? (upload, bytes!) : null;

    /// <summary>The bytes are selected only when wanted: they are megabytes where the rest is a few short values.</summary>
    private async Task<(StoredUpload Upload, byte[]? Bytes)?> ReadAsync(string id, bool withBytes, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT content_type, name, size{(withBytes ? ", bytes" : "")} FROM upload WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var upload = new StoredUpload(id, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2));
        return (upload, withBytes ? reader.GetFieldValue<byte[]>(3) : null);
    }
}
