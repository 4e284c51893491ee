namespace Conversations.Conversations;

/// <summary>
/// The conversations supervisors see live, from what each conversation reports after a change: the latest report
/// of each stands until the conversation reports Closed, which takes it out. Reports travel one way and may arrive
/// out of order, so an older report never replaces a newer one, and the recently ended are remembered (the last
/// <see cref="EndedKept"/>) so that a late report cannot bring one back. The conversations are spread over
/// <see cref="Shards"/> books, so each stays small enough to store whole (about 1,600 conversations a book at 100,000 live).
/// </summary>
public sealed class LiveConversationBook(IDictionary<string, LiveConversation> live, IDictionary<string, DateTimeOffset> ended)
{
    public const int Shards = 64;

    public const int EndedKept = 200;

    /// <summary>The shortest wait between two stores of a changing book.</summary>
    public static readonly TimeSpan StoreEvery = TimeSpan.FromSeconds(2);

    /// <summary>How much longer a book waits per conversation it holds: each store rewrites the whole book.</summary>
    public static readonly TimeSpan StoreWaitPerConversation = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How long a changing book of <paramref name="conversations"/> waits between stores: <see cref="StoreEvery"/>, or
    /// longer as the book grows, so that a book changing by reports alone rewrites at most 100 conversations a second
    /// however many are live (with 100,000 live, about 16 s); closings wait less (<see cref="StoreDue"/>). Rewriting
    /// each book every 2 s instead made the cost of every new conversation grow with the number already open
    /// (bench/README.md).
    /// </summary>
    public static TimeSpan StoreInterval(int conversations) =>
        TimeSpan.FromTicks(Math.Max(StoreEvery.Ticks, conversations * StoreWaitPerConversation.Ticks));

    /// <summary>
    /// Whether a changed book is due to be stored <paramref name="sinceStored"/> after its last store: after its
    /// <see cref="StoreInterval"/>, or after <see cref="StoreEvery"/> when a closing waits (a closed conversation never
    /// reports again, so its removal must not wait long).
    /// </summary>
    public static bool StoreDue(int conversations, TimeSpan sinceStored, bool closingUnstored) =>
        sinceStored >= (closingUnstored ? StoreEvery : StoreInterval(conversations));

    /// <summary>
    /// Whether a closing is stored at once: a closed conversation never reports again, so a small book stores its
    /// removal rather than risk it in a crash; a bigger one within <see cref="StoreEvery"/>, as each store rewrites it whole.
    /// </summary>
    public static bool StoresClosingAtOnce(int conversations) => StoreInterval(conversations) == StoreEvery;

    /// <summary>How many conversations the book holds.</summary>
    public int Count => live.Count;

    /// <summary>The book a conversation reports to: the same in every process (string.GetHashCode is not).</summary>
    public static int ShardOf(string conversationId) => conversationId.Sum(c => c) % Shards;

    /// <summary>The live conversations, the oldest first (a list: it crosses processes as JSON, which names its type).</summary>
    public IReadOnlyList<LiveConversation> Live =>
        live.Values.OrderBy(c => c.CreatedAt).ThenBy(c => c.ConversationId, StringComparer.Ordinal).ToList();

    /// <summary>Takes a conversation's report; true when the book changed (and is worth storing).</summary>
    public bool Record(LiveConversation report)
    {
        var id = report.ConversationId;
        var known = live.TryGetValue(id, out var entry) ? entry : null;
        if (ended.ContainsKey(id) || (known is not null && known.ReportedAt > report.ReportedAt))
        {
            return false;
        }

        if (report.State == ConversationStatus.Closed)
        {
            live.Remove(id);
            ended[id] = report.ReportedAt;
            ForgetOldestEnded();
            return true;
        }

        if (report.ShowsTheSameAs(known))
        {
            return false;
        }

        live[id] = report;
        return true;
    }

    private void ForgetOldestEnded()
    {
        foreach (var id in ended.OrderBy(e => e.Value).Take(ended.Count - EndedKept).Select(e => e.Key).ToList())
        {
            ended.Remove(id);
        }
    }
}
