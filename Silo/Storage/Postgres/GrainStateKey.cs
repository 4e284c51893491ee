namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// Where a grain's state lives in <c>orleans_grain_state</c>: the same columns Orleans' ADO.NET provider fills
/// (its AdoGrainKey), so rows written by silos on that provider are read and replaced by ours and the other way round.
/// The state name goes into <c>grain_type</c> as it is; the provider rewrites only generic type names (with a backtick),
/// which no state name of ours is.
/// </summary>
internal readonly record struct GrainStateKey(string StateName, long N0, long N1, string? Extension)
{
    /// <summary>The row as one string, for ordering a batch's row locks.</summary>
    public string Row => $"{StateName}/{N0}/{N1}/{(Extension is null ? "-" : "+" + Extension)}";

    public static GrainStateKey Of(string stateName, GrainId grainId)
    {
        if (grainId.TryGetGuidKey(out var guid, out var guidExtension))
        {
            var bytes = guid.ToByteArray();
            return new GrainStateKey(stateName, BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), guidExtension);
        }

        // A string key that reads as a hexadecimal integer ("1F", "1F+x") is stored as that integer, as the ADO.NET provider does.
        if (grainId.TryGetIntegerKey(out var integer, out var integerExtension))
        {
            return new GrainStateKey(stateName, 0, integer, integerExtension);
        }

        return new GrainStateKey(stateName, 0, 0, grainId.Key.ToString());
    }
}
