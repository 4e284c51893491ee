using System.Runtime.CompilerServices;
using Conversations.Activities;
using Conversations.Conversations;

namespace Conversations.Gateway.Streaming;

/// <summary>Reads a conversation's activity log page by page, for streams that replay what a client missed.</summary>
public static class ConversationReading
{
    private const int PageSize = 200;

    public static async IAsyncEnumerable<Activity> ActivitiesAfterAsync(
        this IConversationGrain conversation, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ActivityPage page;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            page = await conversation.GetActivitiesAsync(afterSequence, PageSize);
            foreach (var activity in page.Items)
            {
                yield return activity;
            }

            afterSequence = page.NextAfterSequence;
        }
        while (page.HasMore);
    }
}
