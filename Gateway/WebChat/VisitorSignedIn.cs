using Conversations.Channels;
using Conversations.Customers;

namespace Conversations.Gateway.WebChat;

/// <summary>
/// A visitor who chatted anonymously and then signed in on the site stays one customer: the merge grain makes the
/// anonymous visitor's customer, with its conversation, the user's (<see cref="ICustomerMergeGrain.AdoptAnonymousVisitorAsync"/>).
/// </summary>
public sealed partial class VisitorSignedIn(IClusterClient cluster, ILogger<VisitorSignedIn> logger)
{
    public async Task AdoptAsync(IdentityKind kind, string anonymousIdentifier, string userIdentifier)
    {
        try
        {
            await cluster.Get<ICustomerMergeGrain>(GrainKeys.MergesKey).AdoptAnonymousVisitorAsync(kind, anonymousIdentifier, userIdentifier);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Signing in must not fail for it (a conflict, the merge grain's silo gone): the two chats stay two customers.
            LogNotAdopted(e, anonymousIdentifier);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The chat of anonymous visitor {AnonymousIdentifier} could not be joined to the signed-in user's")]
    private partial void LogNotAdopted(Exception exception, string anonymousIdentifier);
}
