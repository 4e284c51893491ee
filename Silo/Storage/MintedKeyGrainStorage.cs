using System.Net;
using Conversations.Storage;
using Orleans.Storage;

namespace Conversations.Silo.Storage;

/// <summary>
/// The production grain-state store as grains see it: the store it wraps, except that a grain whose key this silo has
/// just minted (<see cref="NewGrainKeys"/>) activates without a read, as no row can exist for it yet. A new
/// conversation activates three such grains (customer, conversation, channel session), so this saves three reads
/// that would find nothing, whichever store holds the state.
/// </summary>
/// <remarks>
/// The grain starts from new state with no etag, so its first write may only create the row; should one exist after
/// all (another silo's activation wrote it within the key's seconds), that write is refused as a conflict, Orleans
/// reactivates the grain and this time it reads.
/// </remarks>
public sealed class MintedKeyGrainStorage(IGrainStorage store, NewGrainKeys newKeys) : IGrainStorage, IRestExceptionDecoder
{
    /// <summary>The name the wrapped store is registered under.</summary>
    public const string StoreName = StorageNames.GrainState + "-store";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!newKeys.TryTake(grainId))
        {
            return store.ReadStateAsync(stateName, grainId, grainState);
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        store.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        store.ClearStateAsync(stateName, grainId, grainState);

    /// <summary>Orleans logs a failed write with the store's own error code, when it can name one (Azure Table's).</summary>
    public bool DecodeException(Exception exception, out HttpStatusCode httpStatusCode, out string restStatus, bool getExtendedErrors = false)
    {
        if (store is IRestExceptionDecoder decoder)
        {
            return decoder.DecodeException(exception, out httpStatusCode, out restStatus, getExtendedErrors);
        }

        httpStatusCode = default;
        restStatus = string.Empty;
        return false;
    }
}
