using System.Collections.Concurrent;
using Orleans.Storage;

namespace Conversations.GrainTests.Foundation;

/// <summary>The in-memory grain state, whose next write of a grain a test can make fail, as a lost database connection would.</summary>
public sealed class InterruptibleGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, bool> _failNext = new();

    public void FailNextWriteOf(GrainId grain) => _failNext[grain] = true;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _failNext.TryRemove(grainId, out _)
            ? Task.FromException(new InvalidOperationException("Grain state store unavailable (test)."))
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
