namespace Conversations.Reporting;

/// <summary>What the rows of a task report are: one per agent, per channel type or per channel (its service identifier).</summary>
public enum TaskGrouping
{
    Agent,
    ChannelType,
    Service,
}

/// <summary>
/// A report over the agent tasks that were enqueued from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive)
/// and have ended; a task answered within <see cref="ServiceLevelSeconds"/> of being enqueued counts toward the service level.
/// </summary>
public sealed record TaskReportQuery(DateTimeOffset From, DateTimeOffset To, TaskGrouping By, int ServiceLevelSeconds)
{
    public const int DefaultServiceLevelSeconds = 20;
    public const int MaxServiceLevelSeconds = 3600;

    /// <summary>
    /// A quarter (92 days of local time, which a change of the clocks can make an hour longer), with a day to spare:
    /// longer ranges belong to a data warehouse fed from the reporting tables, not to one request.
    /// </summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(93);

    public TaskReportQuery Validated()
    {
        if (To <= From)
        {
            throw DomainException.Invalid("'to' must be after 'from'.", "to");
        }

        if (To - From > MaxRange)
        {
            throw DomainException.Invalid($"A report covers at most {MaxRange.TotalDays:0} days.", "to");
        }

        if (!Enum.IsDefined(By))
        {
            throw DomainException.Invalid(GroupingRefused, "by");
        }

        if (ServiceLevelSeconds is < 1 or > MaxServiceLevelSeconds)
        {
            throw DomainException.Invalid($"The service level is 1 to {MaxServiceLevelSeconds} seconds.", "serviceLevelSeconds");
        }

        return this;
    }

    /// <summary>Reads a grouping as the JSON API writes it (CHANNEL_TYPE), case-insensitively; none is by channel type.</summary>
    public static TaskGrouping ParseGrouping(string? by) =>
        by is null ? TaskGrouping.ChannelType
        : Groupings.TryGetValue(by.ToUpperInvariant(), out var grouping) ? grouping
        : throw DomainException.Invalid(GroupingRefused, "by");

    /// <summary>Each grouping by the name the API gives it.</summary>
    private static readonly Dictionary<string, TaskGrouping> Groupings = new(StringComparer.Ordinal)
    {
        ["AGENT"] = TaskGrouping.Agent,
        ["CHANNEL_TYPE"] = TaskGrouping.ChannelType,
        ["SERVICE"] = TaskGrouping.Service,
    };

    private static string GroupingRefused => $"'by' is one of {string.Join(", ", Groupings.Keys)}.";
}
