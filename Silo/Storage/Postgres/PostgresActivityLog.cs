using Conversations.Activities;
using Conversations.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// The production activity log. Appends use group commit: callers queue their activities and one
/// background writer takes everything waiting (up to <see cref="MaxBatchRows"/>), writes it as one
/// multi-row INSERT in one transaction, and completes each caller only after that commit. Many
/// concurrent inbound messages therefore cost one round trip and one WAL flush together, and a caller's
/// completed task still means "durable". Duplicates (same conversation and sequence, or a customer
/// message whose channel, sender and connector message id are already logged) are skipped by ON CONFLICT DO NOTHING.
/// </summary>
public sealed class PostgresActivityLog : IActivityLog, IAsyncDisposable
{
    /// <summary>Rows per batch: large enough to absorb bursts, small enough to keep one transaction short.</summary>
    public const int MaxBatchRows = 1000;

    /// <summary>Delivery reports per batch, each two single-row updates (the live log and the archive).</summary>
    private const int MaxBatchReports = 250;

    internal const string InsertSql = $"""
        INSERT INTO activity ({ActivityRows.Columns})
        SELECT c, s, k, f, p, cu, cs, t, o, si, cm, CAST(d AS jsonb), se, CAST(at AS jsonb)
        FROM unnest(@c, @s, @k, @f, @p, @cu, @cs, @t, @o, @si, @cm, @d, @se, @at) AS r(c, s, k, f, p, cu, cs, t, o, si, cm, d, se, at)
        ON CONFLICT DO NOTHING
        """;

    // The statements below are fields rather than inline so the store tests can check their query plans.
    internal const string CustomerMessagesSinceSql = $"""
        SELECT latest.* FROM unnest(@customers) AS customer (id)
        CROSS JOIN LATERAL (
            SELECT {ActivityRows.Columns} FROM activity
            WHERE customer_id = customer.id AND kind = 'CustomerMessage' AND occurred_at >= @since
            ORDER BY occurred_at DESC
            LIMIT @take) AS latest
        ORDER BY latest.occurred_at DESC
        LIMIT @take
        """;

    internal const string ReadSql = $"""
        SELECT {ActivityRows.ColumnsWithDelivery} FROM activity
        WHERE conversation_id = @conversation AND sequence > @after
        ORDER BY sequence
        LIMIT @take
        """;

    internal const string LastSequenceSql = "SELECT coalesce(max(sequence), 0) FROM activity WHERE conversation_id = @conversation";

    internal const string LastCustomerActivitySql = """
        SELECT occurred_at FROM activity
        WHERE channel_session_id = @session AND kind = 'CustomerMessage'
        ORDER BY occurred_at DESC
        LIMIT 1
        """;

    internal const string ListFailedDeliveriesSql = $"""
        SELECT {ActivityRows.ColumnsWithDelivery} FROM activity
        WHERE delivery = 'Failed'
        ORDER BY delivery_at DESC, conversation_id, sequence
        LIMIT @take
        """;

    internal const string ReopenFailedDeliverySql = $"""
        UPDATE activity SET delivery = NULL, delivery_failure = NULL, delivery_at = NULL, redelivery_claimed_at = @now
        WHERE conversation_id = @conversation AND sequence = @sequence AND delivery = 'Failed'
        RETURNING {ActivityRows.ColumnsWithDelivery}
        """;

    internal const string RenewDeliveryClaimsSql = """
        UPDATE activity a SET redelivery_claimed_at = @now
        FROM unnest(@conversations, @sequences) AS held(conversation_id, sequence)
        WHERE a.conversation_id = held.conversation_id AND a.sequence = held.sequence AND a.delivery IS NULL
        """;

    // SKIP LOCKED: silos sweeping at the same moment claim different messages instead of waiting on each other.
    internal static readonly string ClaimLostDeliveriesSql = $"""
        UPDATE activity a SET redelivery_claimed_at = @now
        FROM (
            SELECT conversation_id, sequence FROM activity
            WHERE kind IN ('BotMessage', 'AgentMessage') AND delivery IS NULL
              AND occurred_at < @lostBefore AND occurred_at > @loggedAfter
              AND (redelivery_claimed_at IS NULL OR redelivery_claimed_at < @lostBefore)
            ORDER BY occurred_at, sequence
            LIMIT @take
            FOR UPDATE SKIP LOCKED) lost
        WHERE a.conversation_id = lost.conversation_id AND a.sequence = lost.sequence
        RETURNING {ActivityRows.ColumnsWithDeliveryOf("a")}
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<IReadOnlyList<Activity>, bool> _appends;
    private readonly GroupCommit<DeliveryReport, bool> _deliveries;

    public PostgresActivityLog(NpgsqlDataSource dataSource, ILogger<PostgresActivityLog>? logger = null)
    {
        _dataSource = dataSource;
        var log = logger ?? (ILogger)NullLogger<PostgresActivityLog>.Instance;
        _appends = new GroupCommit<IReadOnlyList<Activity>, bool>(InsertAsync, MaxBatchRows, log, appended => appended.Count);
        _deliveries = new GroupCommit<DeliveryReport, bool>(
            RecordDeliveriesAsync, MaxBatchReports, log, rowOf: report => $"{report.ConversationId}/{report.Sequence:D19}");
    }

    /// <summary>How many append transactions have committed: lets tests and metrics see the batching.</summary>
    public long CommitCount => _appends.Batches;

    /// <summary>
    /// Completes once the activities are committed. Cancelling stops the wait, not the write: activities
    /// already queued may still be stored, which is harmless because a retried append is a no-op.
    /// </summary>
    public Task AppendAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        if (activities.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _appends.RunAsync(activities, cancellationToken);
    }

    public async Task<IReadOnlyList<Activity>> ReadCustomerMessagesSinceAsync(
        IReadOnlyList<string> customerIds, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(CustomerMessagesSinceSql);
        command.Parameters.AddWithValue("customers", customerIds.ToArray());
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("take", limit);
        return await ActivityRows.ReadAllAsync(command, cancellationToken);
    }

    public async Task<ActivityPage> ReadAsync(string conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(ReadSql);
        command.Parameters.AddWithValue("conversation", conversationId);
        command.Parameters.AddWithValue("after", afterSequence);
        // One row more than asked tells whether there is a next page; long so int.MaxValue cannot overflow.
        command.Parameters.AddWithValue("take", (long)limit + 1);
        var rows = await ActivityRows.ReadAllAsync(command, cancellationToken);
        return ActivityPages.Of(rows, afterSequence, limit);
    }

    public async Task<long> GetLastSequenceAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(LastSequenceSql);
        command.Parameters.AddWithValue("conversation", conversationId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<DateTimeOffset?> GetLastCustomerActivityAsync(string channelSessionId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(LastCustomerActivitySql);
        command.Parameters.AddWithValue("session", channelSessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    /// <summary>
    /// The outcome update for the live log (<c>activity</c>) or the archive (<c>conversation_activity</c>); only
    /// forward, as <see cref="DeliveryProgress.Advances"/> says.
    /// </summary>
    internal static string RecordDeliverySql(string table) => $"""
        UPDATE {table} SET delivery = @outcome, delivery_failure = @failure, delivery_at = now()
        WHERE conversation_id = @conversation AND sequence = @sequence
          AND (delivery IS NULL
               OR (@outcome = 'Failed' AND delivery = 'Sent')
               OR (@outcome <> 'Failed' AND delivery <> 'Failed'
                   AND array_position(ARRAY['Sent', 'Delivered', 'Read'], @outcome) > array_position(ARRAY['Sent', 'Delivered', 'Read'], delivery)))
        """;

    /// <summary>
    /// Only forward (<see cref="DeliveryProgress"/>), so late and repeated provider reports change nothing. Outcomes
    /// arriving together share one round trip and one commit (a busy channel reports several per message it sends).
    /// </summary>
    public Task<bool> RecordDeliveryAsync(
        string conversationId, long sequence, DeliveryOutcome outcome, string? failure = null, CancellationToken cancellationToken = default) =>
        _deliveries.RunAsync(new DeliveryReport(conversationId, sequence, outcome.ToString(), failure), cancellationToken);

    public async Task<IReadOnlyList<Activity>> ListFailedDeliveriesAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(ListFailedDeliveriesSql);
        command.Parameters.AddWithValue("take", (long)limit);
        return await ActivityRows.ReadAllAsync(command, cancellationToken);
    }

    /// <summary>The archived copy keeps saying Failed until the new attempt records its outcome in both.</summary>
    public async Task<Activity?> ReopenFailedDeliveryAsync(string conversationId, long sequence, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(ReopenFailedDeliverySql);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        command.Parameters.AddWithValue("conversation", conversationId);
        command.Parameters.AddWithValue("sequence", sequence);
        var reopened = await ActivityRows.ReadAllAsync(command, cancellationToken);
        return reopened.Count > 0 ? reopened[0] : null;
    }

    public async Task RenewDeliveryClaimsAsync(IReadOnlyCollection<DeliveryKey> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (deliveries.Count == 0)
        {
            return;
        }

        await using var command = _dataSource.CreateCommand(RenewDeliveryClaimsSql);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        command.AddArray("conversations", NpgsqlDbType.Text, deliveries.Select(d => d.ConversationId));
        command.AddArray("sequences", NpgsqlDbType.Bigint, deliveries.Select(d => d.Sequence));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Activity>> ClaimLostDeliveriesAsync(
        DateTimeOffset now, TimeSpan lostAfter, TimeSpan maxAge, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(ClaimLostDeliveriesSql);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        command.Parameters.AddWithValue("lostBefore", (now - lostAfter).UtcDateTime);
        command.Parameters.AddWithValue("loggedAfter", (now - maxAge).UtcDateTime);
        command.Parameters.AddWithValue("take", (long)limit);
        var claimed = await ActivityRows.ReadAllAsync(command, cancellationToken);
        return [.. claimed.OrderBy(a => a.OccurredAt).ThenBy(a => a.Sequence)];
    }

    /// <summary>Lets the writers drain what is already queued, so no accepted append or outcome is dropped on shutdown.</summary>
    public async ValueTask DisposeAsync()
    {
        await _appends.DisposeAsync();
        await _deliveries.DisposeAsync();
    }

    private async Task<IReadOnlyList<bool>> InsertAsync(IReadOnlyList<IReadOnlyList<Activity>> batch)
    {
        var all = batch.SelectMany(appended => appended).ToList();
        // One statement outside an explicit transaction is its own transaction: the whole batch commits
        // or fails together, and skipping BEGIN/COMMIT saves a round trip per batch.
        await using var command = _dataSource.CreateCommand(InsertSql);
        command.AddArray("c", NpgsqlDbType.Text, all.Select(a => a.ConversationId));
        command.AddArray("s", NpgsqlDbType.Bigint, all.Select(a => a.Sequence));
        command.AddArray("k", NpgsqlDbType.Text, all.Select(a => a.Kind.ToString()));
        command.AddArray("f", NpgsqlDbType.Text, all.Select(a => a.From.ToString()));
        command.AddArray("p", NpgsqlDbType.Text, all.Select(a => a.ParticipantId));
        command.AddArray("cu", NpgsqlDbType.Text, all.Select(a => a.CustomerId));
        command.AddArray("cs", NpgsqlDbType.Text, all.Select(a => a.ChannelSessionId));
        command.AddArray("t", NpgsqlDbType.Text, all.Select(a => a.Text));
        command.AddArray("o", NpgsqlDbType.TimestampTz, all.Select(a => a.OccurredAt.UtcDateTime));
        command.AddArray("si", NpgsqlDbType.Text, all.Select(a => a.ServiceIdentifier));
        command.AddArray("cm", NpgsqlDbType.Text, all.Select(a => a.ConnectorMessageId));
        command.AddArray("d", NpgsqlDbType.Text, all.Select(ActivityRows.DataJson));
        command.AddArray("se", NpgsqlDbType.Text, all.Select(a => a.Sender));
        command.AddArray("at", NpgsqlDbType.Text, all.Select(ActivityRows.AttachmentsJson));
        await command.ExecuteNonQueryAsync();
        return [.. batch.Select(_ => true)];
    }

    // Per report the live log's update and, if the conversation was archived meanwhile, its archived copy's; all of a
    // batch sent together and run in order in one transaction, so reports of one message are judged one after the other.
    private async Task<IReadOnlyList<bool>> RecordDeliveriesAsync(IReadOnlyList<DeliveryReport> reports)
    {
        await using var batch = _dataSource.CreateBatch();
        foreach (var report in reports)
        {
            foreach (var table in new[] { "activity", "conversation_activity" })
            {
                var update = new NpgsqlBatchCommand(RecordDeliverySql(table));
                update.Parameters.AddWithValue("outcome", report.Outcome);
                update.Parameters.Add(new NpgsqlParameter("failure", NpgsqlDbType.Text) { Value = (object?)report.Failure ?? DBNull.Value });
                update.Parameters.AddWithValue("conversation", report.ConversationId);
                update.Parameters.AddWithValue("sequence", report.Sequence);
                batch.BatchCommands.Add(update);
            }
        }

        await batch.ExecuteNonQueryAsync();
        return [.. reports.Select((_, i) => batch.BatchCommands[2 * i].RecordsAffected + batch.BatchCommands[2 * i + 1].RecordsAffected > 0)];
    }

    private sealed record DeliveryReport(string ConversationId, long Sequence, string Outcome, string? Failure);
}
