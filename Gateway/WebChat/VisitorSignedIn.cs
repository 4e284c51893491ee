using Conversations.Channels;
using Conversations.Customers;

namespace Conversations.Gateway.WebChat;

/// <summary>
/// A visitor who chatted anonymously and then signed in on the site stays one customer: the anonymous visitor's
/// customer, with its conversation, becomes the user's. The user's existing customer absorbs it (its live conversation
/// too when the user has none); a user seen for the first time takes the anonymous customer over.
/// </summary>
public sealed partial class VisitorSignedIn(IClusterClient cluster, ILogger<VisitorSignedIn> logger)
{
    public async Task AdoptAsync(IdentityKind kind, string anonymousIdentifier, string userIdentifier)
    {
        var directory = cluster.Get<ICustomerDirectoryGrain>(0);
        if (await directory.FindAsync(kind, anonymousIdentifier) is not { } anonymous)
        {
            // The visitor never wrote: there is nothing to carry over.
            return;
        }

        var merges = cluster.Get<ICustomerMergeGrain>(GrainKeys.MergesKey);
        var known = await directory.FindAsync(kind, userIdentifier);
        try
        {
            if (known is null)
            {
                // Should the user's first message create a customer meanwhile, linking merges that one in.
                await merges.LinkIdentityAsync(anonymous.Id, kind, userIdentifier);
            }
            else if (known.Id != anonymous.Id)
            {
                await merges.LinkIdentityAsync(known.Id, kind, anonymousIdentifier);
            }
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Conflict)
        {
            // Signing in must not fail for it: the two chats stay two customers, as they were.
            LogNotAdopted(e, anonymous.Id, known?.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The anonymous visitor's customer {AnonymousCustomerId} could not be joined to the signed-in user's ({UserCustomerId})")]
    private partial void LogNotAdopted(Exception exception, string anonymousCustomerId, string? userCustomerId);
}
