using System.Globalization;
using Conversations.Gateway.Security;
using Conversations.Reporting;

namespace Conversations.Gateway.Endpoints;

/// <summary>Reports for supervisors, read from the reporting tables (tasks are there once they end).</summary>
public static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Supervisor);

        reports.MapGet("/agent-tasks", (string? from, string? to, string? by, int? serviceLevelSeconds, IClusterClient cluster) =>
                cluster.Get<IReportsGrain>(0).AgentTasksAsync(new TaskReportQuery(
                    Instant(from, nameof(from)), Instant(to, nameof(to)), TaskReportQuery.ParseGrouping(by),
                    serviceLevelSeconds ?? TaskReportQuery.DefaultServiceLevelSeconds)))
            .WithSummary("Agent tasks enqueued from 'from' to 'to' (ISO 8601) that have ended, by AGENT, CHANNEL_TYPE or SERVICE: "
                + "answered, unanswered, service level, waits, handle times and wrap-up codes");
    }

    /// <summary>ISO 8601 times: a date, or a date and time with or without seconds and fraction; none with an offset is UTC.</summary>
    private static readonly string[] IsoFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    private static DateTimeOffset Instant(string? value, string field) =>
        DateTimeOffset.TryParseExact(value, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw DomainException.Invalid($"'{field}' is required, as an ISO 8601 time such as 2026-11-01T00:00:00Z.", field);
}
