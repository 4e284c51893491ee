using Conversations.Activities;
using Conversations.Channels;
using Conversations.Security;
using Microsoft.Extensions.Options;

namespace Conversations.Outbound;

/// <summary>A file of an outbound message as its receiver gets it: what it is, and a link to fetch it from the gateway.</summary>
public sealed record LinkedAttachment(string ContentType, string? Name, long? Size, string Url);

/// <summary>
/// Links to an outbound message's files, made for each delivery attempt: providers and connectors fetch them from
/// the gateway's public address without our credentials, so each link is signed and short-lived (<see cref="MediaLinks"/>).
/// </summary>
public sealed class AttachmentLinks(MediaLinks links, IOptions<ProviderApiOptions> options, TimeProvider time)
{
    /// <summary>
    /// The message's files as links: none when it has none; refused when it has some but the gateway has no public
    /// address to link them under (nothing outside could fetch them, so sending again would not help).
    /// </summary>
    public (IReadOnlyList<LinkedAttachment>? Links, string? Refusal) For(OutboundMessage message)
    {
        if (message.Files is not { Count: > 0 } files)
        {
            return (null, null);
        }

        if (options.Value.PublicBaseUrl is not { Length: > 0 } baseUrl)
        {
            return (null, $"the message carries a file, and without {ProviderApiOptions.Section}:PublicBaseUrl the receiver cannot fetch it");
        }

        var now = time.GetUtcNow();
        return (files.Where(f => f.Source == AttachmentSource.Upload)
            .Select(f => new LinkedAttachment(f.ContentType, f.Name, f.Size, links.Create(baseUrl, f.Reference, now)))
            .ToList(), null);
    }
}
