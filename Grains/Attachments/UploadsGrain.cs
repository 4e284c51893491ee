using System.Buffers.Text;
using System.Security.Cryptography;
using Conversations.Domain;
using Orleans.Concurrency;

namespace Conversations.Attachments;

// Holds nothing between calls: calls interleave instead of waiting for each other's I/O (see InboundGrain).
[StatelessWorker]
[Reentrant]
public sealed class UploadsGrain(IUploadStore store, TimeProvider time) : Grain, IUploadsGrain
{
    private const string IdPrefix = "upl-";

    public async Task<StoredUpload> SaveAsync(Upload upload, long maxBytes)
    {
        AttachmentRules.ValidateUpload(upload.ContentType, upload.Name, upload.Bytes?.Length ?? 0, maxBytes);
        // 128 random bits: holding an id is what lets a message carry the file, so it must not be guessed.
        var stored = new StoredUpload(IdPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), upload.ContentType, upload.Name, upload.Bytes!.Length);
        await store.SaveAsync(stored, upload.Bytes, time.GetUtcNow());
        return stored;
    }

    public async Task<StoredUpload?> DescribeAsync(string id) => IsUploadId(id) ? await store.DescribeAsync(id) : null;

    public async Task<Upload?> ReadAsync(string id) =>
        IsUploadId(id) && await store.ReadAsync(id) is var (upload, bytes) ? new Upload(upload.ContentType, upload.Name, bytes) : null;

    private static bool IsUploadId(string? id) => id is { Length: 26 } && id.StartsWith(IdPrefix, StringComparison.Ordinal);
}
