using Conversations.Activities;

namespace Conversations.Attachments;

/// <summary>A file as uploaded: its media type, the name it had, its bytes.</summary>
[GenerateSerializer, Immutable]
public sealed record Upload(
    [property: Id(0)] string ContentType,
    [property: Id(1)] string? Name,
    [property: Id(2)] byte[] Bytes);

/// <summary>A kept upload, without its bytes; its id is random and unguessable.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredUpload(
    [property: Id(0)] string Id,
    [property: Id(1)] string ContentType,
    [property: Id(2)] string? Name,
    [property: Id(3)] long Size)
{
    /// <summary>The upload as a message's attachment.</summary>
    public MessageAttachment AsAttachment() => new(ContentType, Name, Size, AttachmentSource.Upload, Id);
}

/// <summary>Files uploaded to the runtime (agents' attachments, web chat visitors' files), kept by the profile's store.</summary>
public interface IUploadsGrain : IGrainWithIntegerKey
{
    /// <param name="maxBytes">The most the uploading gateway takes; the runtime's own ceiling applies too.</param>
    Task<StoredUpload> SaveAsync(Upload upload, long maxBytes);

    /// <summary>Null when there is no such upload.</summary>
    [ReadOnly]
    Task<StoredUpload?> DescribeAsync(string id);

    /// <summary>Null when there is no such upload.</summary>
    [ReadOnly]
    Task<Upload?> ReadAsync(string id);
}
