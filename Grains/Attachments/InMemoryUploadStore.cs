using System.Collections.Concurrent;

namespace Conversations.Attachments;

public sealed class InMemoryUploadStore : IUploadStore
{
    private readonly ConcurrentDictionary<string, (StoredUpload, byte[])> _uploads = new(StringComparer.Ordinal);

    public Task SaveAsync(StoredUpload upload, byte[] bytes, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        _uploads[upload.Id] = (upload, bytes);
        return Task.CompletedTask;
    }

    public Task<StoredUpload?> DescribeAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_uploads.TryGetValue(id, out var kept) ? kept.Item1 : null);

    public Task<(StoredUpload Upload, byte[] Bytes)?> ReadAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_uploads.TryGetValue(id, out var kept) ? kept : ((StoredUpload, byte[])?)null);
}
