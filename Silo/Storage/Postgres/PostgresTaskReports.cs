using Conversations.Reporting;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// Task reports from the agent_task table: one statement tallies the rows and the total (grouping sets), another the
/// wrap-up codes; <see cref="TaskReports"/> builds the report from the tallies, as the in-memory store does. The time
/// range is served by ix_agent_task_enqueued (migration 0016).
/// </summary>
internal static class PostgresTaskReports
{
    public static async Task<TaskReport> ReadAsync(NpgsqlDataSource dataSource, TaskReportQuery query, CancellationToken cancellationToken)
    {
        // The grouping column comes from the enum, never from the caller's text.
        var key = query.By switch
        {
            TaskGrouping.Agent => "CASE WHEN answered_at IS NOT NULL THEN agent_id END",
            TaskGrouping.Service => "service_identifier",
            _ => "channel_type",
        };
        var tasks = $"""
            SELECT {key} AS key, round(extract(epoch FROM answered_at - enqueued_at)::numeric)::integer AS wait,
                   handle_time_seconds AS handle, wrap_up_codes
            FROM agent_task WHERE enqueued_at >= @from AND enqueued_at < @to
            """;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command($"""
            WITH t AS ({tasks})
            SELECT key, GROUPING(key) = 1, count(*)::integer, count(wait)::integer,
                   (count(*) FILTER (WHERE wait <= @level))::integer, coalesce(sum(wait), 0)::bigint, max(wait),
                   count(handle) FILTER (WHERE wait IS NOT NULL)::integer,
                   coalesce(sum(handle) FILTER (WHERE wait IS NOT NULL), 0)::bigint
            FROM t GROUP BY GROUPING SETS ((key), ())
            """, query));
        batch.BatchCommands.Add(Command($"""
            WITH t AS ({tasks})
            SELECT key, GROUPING(key) = 1, code, count(*)::integer
            FROM t CROSS JOIN LATERAL unnest(t.wrap_up_codes) AS code
            GROUP BY GROUPING SETS ((key, code), (code))
            """, query));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var tallies = new List<(string? Key, bool Total, TaskTally Tally)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tallies.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetBoolean(1), new TaskTally(
                reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.GetInt32(7), reader.GetInt64(8))));
        }

        await reader.NextResultAsync(cancellationToken);
        var codes = new Dictionary<(string? Key, bool Total), Dictionary<string, int>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var group = (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetBoolean(1));
            if (!codes.TryGetValue(group, out var counts))
            {
                codes[group] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            counts[reader.GetString(2)] = reader.GetInt32(3);
        }

        IReadOnlyDictionary<string, int> CodesOf(string? key, bool total) => codes.GetValueOrDefault((key, total)) ?? [];
        var total = tallies.SingleOrDefault(t => t.Total) is { Tally: { } sum } ? sum : new TaskTally(0, 0, 0, 0, null, 0, 0);
        return TaskReports.Report(
            query,
            tallies.Where(t => !t.Total).Select(t => TaskReports.Row(t.Key, t.Tally, CodesOf(t.Key, total: false))),
            TaskReports.Row(null, total, CodesOf(null, total: true)));
    }

    private static NpgsqlBatchCommand Command(string sql, TaskReportQuery query)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = query.From.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = query.To.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter("level", NpgsqlDbType.Integer) { Value = query.ServiceLevelSeconds });
        return command;
    }
}
