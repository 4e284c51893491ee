using System.Text.Json;
using System.Text.Json.Serialization;
using Conversations.Activities;
using Conversations.Agents;
using Conversations.Conversations;
using Conversations.Reporting;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// The production reporting store. Archiving a conversation writes its conversation row, its channel
/// sessions and a copy of its activity log in one transaction, using upserts and ON CONFLICT DO NOTHING
/// on natural keys: a crash before commit leaves nothing, and a re-run (after a crash, or a repeated
/// house-keeping) converges on exactly one copy of every row. The counts are computed from the archived
/// rows inside the same transaction, so they always match what the archive holds.
/// </summary>
public sealed class PostgresReportingStore(NpgsqlDataSource dataSource) : IReportingStore
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public async Task ArchiveConversationAsync(ConversationView conversation, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);

        var conversationRow = new NpgsqlBatchCommand("""
            INSERT INTO conversation (id, customer_id, state, created_at, closed_at, close_reason, channel_session_count,
                                      activity_count, customer_message_count, bot_message_count, agent_message_count,
                                      state_history, participants)
            VALUES (@id, @customer, @state, @created, @closed, @reason, @sessions, 0, 0, 0, 0, CAST(@history AS jsonb), CAST(@participants AS jsonb))
            ON CONFLICT (id) DO UPDATE SET
                customer_id = EXCLUDED.customer_id, state = EXCLUDED.state, created_at = EXCLUDED.created_at,
                closed_at = EXCLUDED.closed_at, close_reason = EXCLUDED.close_reason,
                channel_session_count = EXCLUDED.channel_session_count, state_history = EXCLUDED.state_history,
                participants = EXCLUDED.participants, archived_at = now()
            """);
        conversationRow.Parameters.AddWithValue("id", conversation.Id);
        conversationRow.Parameters.AddWithValue("customer", conversation.CustomerId);
        conversationRow.Parameters.AddWithValue("state", conversation.State.ToString());
        conversationRow.Parameters.AddWithValue("created", conversation.CreatedAt.UtcDateTime);
        conversationRow.Parameters.Add(new NpgsqlParameter("closed", NpgsqlDbType.TimestampTz) { Value = (object?)conversation.ClosedAt?.UtcDateTime ?? DBNull.Value });
        conversationRow.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)conversation.CloseReason?.ToString() ?? DBNull.Value });
        conversationRow.Parameters.AddWithValue("sessions", conversation.ChannelSessions.Count);
        conversationRow.Parameters.AddWithValue("history", JsonSerializer.Serialize(conversation.StateHistory, Json));
        conversationRow.Parameters.AddWithValue("participants", JsonSerializer.Serialize(conversation.Participants, Json));
        batch.BatchCommands.Add(conversationRow);

        foreach (var session in conversation.ChannelSessions)
        {
            var sessionRow = new NpgsqlBatchCommand("""
                INSERT INTO channel_session (id, conversation_id, customer_id, service_identifier, channel_type,
                                             customer_channel_identifier, direction, channel_data, opened_at,
                                             last_activity_at, closed_at, close_reason)
                VALUES (@id, @conversation, @customer, @service, @type, @identifier, @direction, CAST(@data AS jsonb),
                        @opened, @last, @closed, @reason)
                ON CONFLICT (id) DO UPDATE SET
                    conversation_id = EXCLUDED.conversation_id, customer_id = EXCLUDED.customer_id,
                    service_identifier = EXCLUDED.service_identifier, channel_type = EXCLUDED.channel_type,
                    customer_channel_identifier = EXCLUDED.customer_channel_identifier, direction = EXCLUDED.direction,
                    channel_data = EXCLUDED.channel_data, opened_at = EXCLUDED.opened_at,
                    last_activity_at = EXCLUDED.last_activity_at, closed_at = EXCLUDED.closed_at,
                    close_reason = EXCLUDED.close_reason
                """);
            sessionRow.Parameters.AddWithValue("id", session.Id);
            sessionRow.Parameters.AddWithValue("conversation", conversation.Id);
            sessionRow.Parameters.AddWithValue("customer", session.CustomerId);
            sessionRow.Parameters.AddWithValue("service", session.ServiceIdentifier);
            sessionRow.Parameters.AddWithValue("type", session.ChannelTypeCode);
            sessionRow.Parameters.AddWithValue("identifier", session.CustomerChannelIdentifier);
            sessionRow.Parameters.AddWithValue("direction", session.Direction.ToString());
            sessionRow.Parameters.AddWithValue("data", JsonSerializer.Serialize(session.ChannelData, Json));
            sessionRow.Parameters.AddWithValue("opened", session.OpenedAt.UtcDateTime);
            sessionRow.Parameters.AddWithValue("last", session.LastActivityAt.UtcDateTime);
            sessionRow.Parameters.Add(new NpgsqlParameter("closed", NpgsqlDbType.TimestampTz) { Value = (object?)session.ClosedAt?.UtcDateTime ?? DBNull.Value });
            sessionRow.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)session.CloseReason?.ToString() ?? DBNull.Value });
            batch.BatchCommands.Add(sessionRow);
        }

        var copy = new NpgsqlBatchCommand($"""
            INSERT INTO conversation_activity ({ActivityRows.ColumnsWithDelivery}, delivery_at)
            SELECT {ActivityRows.ColumnsWithDelivery}, delivery_at FROM activity WHERE conversation_id = @id
            ON CONFLICT (conversation_id, sequence) DO NOTHING
            """);
        copy.Parameters.AddWithValue("id", conversation.Id);
        batch.BatchCommands.Add(copy);

        var counts = new NpgsqlBatchCommand($"""
            UPDATE conversation c SET
                activity_count = a.total,
                customer_message_count = a.customer,
                bot_message_count = a.bot,
                agent_message_count = a.agent
            FROM (
                SELECT count(*)::integer AS total,
                       (count(*) FILTER (WHERE kind = '{nameof(ActivityKind.CustomerMessage)}'))::integer AS customer,
                       (count(*) FILTER (WHERE kind = '{nameof(ActivityKind.BotMessage)}'))::integer AS bot,
                       (count(*) FILTER (WHERE kind = '{nameof(ActivityKind.AgentMessage)}'))::integer AS agent
                FROM conversation_activity WHERE conversation_id = @id
            ) a
            WHERE c.id = @id
            """);
        counts.Parameters.AddWithValue("id", conversation.Id);
        batch.BatchCommands.Add(counts);

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the one agent_task row of a task; writing it again replaces it, so a task recorded twice
    /// (a retried house-keeping, a re-run after a crash) still has exactly one row. Handle time is
    /// derived here, from answer to end, so every report computes it the same way.
    /// </summary>
    public Task RecordAgentTaskAsync(AgentTaskView task, CancellationToken cancellationToken = default) =>
        RecordAgentTaskRowAsync(AgentTaskRow.From(task), cancellationToken);

    public async Task RecordAgentTaskRowAsync(AgentTaskRow task, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO agent_task (task_id, conversation_id, customer_id, agent_id, queue_name, service_identifier,
                                    channel_type, routing_mode, state, enqueued_at, offered_at, answered_at,
                                    wrap_up_started_at, wrap_up_ended_at, ended_at, handle_time_seconds,
                                    wrap_up_codes, wrap_up_notes, end_reason)
            VALUES (@task, @conversation, @customer, @agent, @queue, @service, @type, @routing, @state, @enqueued, @offered,
                    @answered, @wrapUpStarted, @wrapUpEnded, @ended,
                    CASE WHEN @answered IS NOT NULL AND @ended IS NOT NULL
                         THEN round(extract(epoch FROM @ended - @answered))::integer END,
                    @codes, @notes, @reason)
            ON CONFLICT (task_id) DO UPDATE SET
                conversation_id = EXCLUDED.conversation_id, customer_id = EXCLUDED.customer_id,
                agent_id = EXCLUDED.agent_id, queue_name = EXCLUDED.queue_name,
                service_identifier = EXCLUDED.service_identifier, channel_type = EXCLUDED.channel_type,
                routing_mode = EXCLUDED.routing_mode, state = EXCLUDED.state, enqueued_at = EXCLUDED.enqueued_at,
                offered_at = EXCLUDED.offered_at, answered_at = EXCLUDED.answered_at,
                wrap_up_started_at = EXCLUDED.wrap_up_started_at, wrap_up_ended_at = EXCLUDED.wrap_up_ended_at,
                ended_at = EXCLUDED.ended_at, handle_time_seconds = EXCLUDED.handle_time_seconds,
                wrap_up_codes = EXCLUDED.wrap_up_codes, wrap_up_notes = EXCLUDED.wrap_up_notes,
                end_reason = EXCLUDED.end_reason, recorded_at = now()
            """);
        command.Parameters.AddWithValue("task", task.TaskId);
        command.Parameters.AddWithValue("conversation", task.ConversationId);
        AddText(command, "customer", task.CustomerId);
        AddText(command, "agent", task.AgentId);
        AddText(command, "queue", task.QueueName);
        AddText(command, "service", task.ServiceIdentifier);
        AddText(command, "type", task.ChannelType);
        AddText(command, "routing", task.RoutingMode);
        command.Parameters.AddWithValue("state", task.State);
        AddTime(command, "enqueued", task.EnqueuedAt);
        AddTime(command, "offered", task.OfferedAt);
        AddTime(command, "answered", task.AnsweredAt);
        AddTime(command, "wrapUpStarted", task.WrapUpStartedAt);
        AddTime(command, "wrapUpEnded", task.WrapUpEndedAt);
        AddTime(command, "ended", task.EndedAt);
        command.Parameters.Add(new NpgsqlParameter("codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = task.WrapUpCodes.ToArray() });
        AddText(command, "notes", task.WrapUpNotes);
        AddText(command, "reason", task.EndReason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<TaskReport> ReportAgentTasksAsync(TaskReportQuery query, CancellationToken cancellationToken = default) =>
        PostgresTaskReports.ReadAsync(dataSource, query, cancellationToken);

    /// <summary>The agent_task row of one task, or null when it was never recorded.</summary>
    public async Task<AgentTaskReport?> FindAgentTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT task_id, conversation_id, customer_id, agent_id, queue_name, service_identifier, channel_type,
                   routing_mode, state, enqueued_at, offered_at, answered_at, wrap_up_started_at, wrap_up_ended_at,
                   ended_at, wrap_up_codes, wrap_up_notes, end_reason, handle_time_seconds
            FROM agent_task WHERE task_id = @task
            """);
        command.Parameters.AddWithValue("task", taskId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        DateTimeOffset? Time(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
        var row = new AgentTaskRow(
            reader.GetString(0), reader.GetString(1), Text(2), Text(3), Text(4), Text(5), Text(6), Text(7), reader.GetString(8),
            Time(9), Time(10), Time(11), Time(12), Time(13), Time(14), reader.GetFieldValue<string[]>(15), Text(16), Text(17));
        return new AgentTaskReport(row, reader.IsDBNull(18) ? null : reader.GetInt32(18));
    }

    // Typed explicitly: a null value alone would leave PostgreSQL to guess the parameter's type.
    private static void AddText(NpgsqlCommand command, string name, string? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });

    private static void AddTime(NpgsqlCommand command, string name, DateTimeOffset? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = (object?)value?.UtcDateTime ?? DBNull.Value });

    /// <summary>The archived conversation with its counts and channel session ids, or null when not archived.</summary>
    public async Task<ConversationReport?> FindConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, c.customer_id, c.state, c.created_at, c.closed_at, c.close_reason, c.channel_session_count,
                   c.activity_count, c.customer_message_count, c.bot_message_count, c.agent_message_count,
                   coalesce(array(SELECT s.id FROM channel_session s WHERE s.conversation_id = c.id ORDER BY s.opened_at, s.id), '{}')
            FROM conversation c WHERE c.id = @id
            """);
        command.Parameters.AddWithValue("id", conversationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ConversationReport(
            Id: reader.GetString(0),
            CustomerId: reader.GetString(1),
            State: reader.GetString(2),
            CreatedAt: reader.GetFieldValue<DateTimeOffset>(3),
            ClosedAt: reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            CloseReason: reader.IsDBNull(5) ? null : reader.GetString(5),
            ChannelSessionCount: reader.GetInt32(6),
            ActivityCount: reader.GetInt32(7),
            CustomerMessageCount: reader.GetInt32(8),
            BotMessageCount: reader.GetInt32(9),
            AgentMessageCount: reader.GetInt32(10),
            ChannelSessionIds: reader.GetFieldValue<string[]>(11));
    }

    /// <summary>The archived copy of a conversation's activity log, in sequence order.</summary>
    public async Task<IReadOnlyList<Activity>> ReadArchivedActivitiesAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {ActivityRows.ColumnsWithDelivery} FROM conversation_activity WHERE conversation_id = @id ORDER BY sequence
            """);
        command.Parameters.AddWithValue("id", conversationId);
        return await ActivityRows.ReadAllAsync(command, cancellationToken);
    }
}
