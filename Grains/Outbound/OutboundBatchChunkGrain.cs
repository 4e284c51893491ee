using Conversations.Storage;

namespace Conversations.Outbound;

/// <summary>A slice of a batch's recipients and their outcomes; written when the batch is created and once per slice sent.</summary>
public sealed class OutboundBatchChunkGrain(
    [PersistentState(StateNames.OutboundBatchChunk, StorageNames.GrainState)] IPersistentState<OutboundBatchChunkState> chunk)
    : Grain, IOutboundBatchChunkGrain
{
    public async Task StoreAsync(BatchRecipient[] recipients, int firstIndex)
    {
        chunk.State = new OutboundBatchChunkState
        {
            FirstIndex = firstIndex,
            Recipients = recipients,
            Outcomes = [.. recipients.Select((_, i) => new RecipientOutcome(firstIndex + i, RecipientStatus.Pending))],
        };
        await chunk.WriteStateAsync();
    }

    public Task<BatchChunk> GetAsync() => Task.FromResult(new BatchChunk(chunk.State.FirstIndex, chunk.State.Recipients, chunk.State.Outcomes));

    public async Task RecordAsync(RecipientOutcome[] outcomes)
    {
        chunk.State.Outcomes = outcomes;
        await chunk.WriteStateAsync();
    }
}
