namespace Conversations.Activities;

/// <summary>Builds a page from a read of up to limit + 1 rows: the extra row only says there is more.</summary>
public static class ActivityPages
{
    public const int MaxLimit = 500;

    public static ActivityPage Of(IReadOnlyList<Activity> rows, long afterSequence, int limit)
    {
        var items = rows.Count > limit ? rows.Take(limit).ToList() : rows;
        var next = items.Count > 0 ? items[^1].Sequence : afterSequence;
        return new ActivityPage(items, next, rows.Count > limit);
    }
}
