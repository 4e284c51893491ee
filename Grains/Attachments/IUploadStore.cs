namespace Conversations.Attachments;

/// <summary>Where the profile keeps uploaded files: in memory, or in PostgreSQL next to the activity log.</summary>
public interface IUploadStore
{
    Task SaveAsync(StoredUpload upload, byte[] bytes, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<(StoredUpload Upload, byte[] Bytes)?> ReadAsync(string id, CancellationToken cancellationToken = default);
}
