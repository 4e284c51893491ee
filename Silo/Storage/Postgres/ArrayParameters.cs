using Npgsql;
using NpgsqlTypes;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// One array parameter per column, for statements that unnest them: the statement keeps a fixed parameter count
/// however many rows it carries (a VALUES list needs parameters per row and hits PostgreSQL's 65,535 limit).
/// </summary>
internal static class ArrayParameters
{
    public static void AddArray<T>(this NpgsqlCommand command, string name, NpgsqlDbType elementType, IEnumerable<T> values) =>
        command.Parameters.AddArray(name, elementType, values);

    public static void AddArray<T>(this NpgsqlBatchCommand command, string name, NpgsqlDbType elementType, IEnumerable<T> values) =>
        command.Parameters.AddArray(name, elementType, values);

    private static void AddArray<T>(this NpgsqlParameterCollection parameters, string name, NpgsqlDbType elementType, IEnumerable<T> values) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | elementType) { Value = values.ToArray() });
}
