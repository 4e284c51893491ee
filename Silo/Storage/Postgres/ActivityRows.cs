using System.Text.Json;
using System.Text.Json.Serialization;
using Conversations.Activities;
using Npgsql;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// Maps activities to and from the columns shared by the live log (activity) and the archive
/// (conversation_activity). Enums are stored by name so reports stay readable and renumbering an enum
/// can never silently change history.
/// </summary>
internal static class ActivityRows
{
    public const string Columns =
        "conversation_id, sequence, kind, from_role, participant_id, customer_id, channel_session_id, text, occurred_at, service_identifier, connector_message_id, data, sender, attachments";

    /// <summary>What reads of the live log select: the shared columns, then the delivery outcome and its failure.</summary>
    public const string ColumnsWithDelivery = Columns + ", delivery, delivery_failure";

    /// <summary>The read columns qualified by a table alias, for statements that join activity with itself.</summary>
    public static string ColumnsWithDeliveryOf(string alias) =>
        string.Join(", ", ColumnsWithDelivery.Split(", ").Select(column => $"{alias}.{column}"));

    public static Activity Read(NpgsqlDataReader reader)
    {
        var data = reader.IsDBNull(11) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(11));
        return new Activity(
            ConversationId: reader.GetString(0),
            Sequence: reader.GetInt64(1),
            Kind: Enum.Parse<ActivityKind>(reader.GetString(2)),
            From: Enum.Parse<ParticipantRole>(reader.GetString(3)),
            ParticipantId: reader.IsDBNull(4) ? null : reader.GetString(4),
            CustomerId: reader.GetString(5),
            ChannelSessionId: reader.IsDBNull(6) ? null : reader.GetString(6),
            Text: reader.IsDBNull(7) ? null : reader.GetString(7),
            OccurredAt: reader.GetFieldValue<DateTimeOffset>(8),
            ServiceIdentifier: reader.IsDBNull(9) ? null : reader.GetString(9),
            ConnectorMessageId: reader.IsDBNull(10) ? null : reader.GetString(10),
            Data: data,
            Sender: reader.IsDBNull(12) ? null : reader.GetString(12),
            Attachments: reader.IsDBNull(13) ? null : JsonSerializer.Deserialize<List<MessageAttachment>>(reader.GetString(13), Json),
            Delivery: reader.FieldCount > 14 && !reader.IsDBNull(14) ? Enum.Parse<DeliveryOutcome>(reader.GetString(14)) : null,
            DeliveryFailure: reader.FieldCount > 15 && !reader.IsDBNull(15) ? reader.GetString(15) : null);
    }

    public static async Task<List<Activity>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<Activity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    public static string? DataJson(Activity activity) =>
        activity.Data is null ? null : JsonSerializer.Serialize(activity.Data);

    public static string? AttachmentsJson(Activity activity) =>
        activity.Attachments is null ? null : JsonSerializer.Serialize(activity.Attachments, Json);

    /// <summary>Attachment sources by name, like the enums in columns.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
