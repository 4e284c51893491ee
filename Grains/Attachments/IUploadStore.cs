namespace Conversations.Attachments;

/// <summary>Where the profile keeps uploaded files: in memory, or in PostgreSQL next to the activity log.</summary>
public interface IUploadStore
{
    Task SaveAsync(StoredUpload upload, byte[] bytes, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<(StoredUpload Upload, byte[] Bytes)?> ReadAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>What the upload is, without its bytes: a message naming it needs no more.</summary>
    Task<StoredUpload?> DescribeAsync(string id, CancellationToken cancellationToken = default);
}
