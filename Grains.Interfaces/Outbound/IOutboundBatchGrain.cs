using Conversations.Timing;

namespace Conversations.Outbound;

/// <summary>
/// One campaign (key <see cref="GrainKeys.OutboundBatch"/>): stores its recipients, sends to them in the background
/// at the channel's rate, and keeps each one's outcome. The wake-up book brings it back to carry on after a restart.
/// </summary>
public interface IOutboundBatchGrain : IWakeUpTarget
{
    /// <summary>Starts the batch; a repeat of the same batch answers its progress, another batch under the same id is refused.</summary>
    Task<OutboundBatchStatus> StartAsync(OutboundBatch batch);

    /// <summary>The progress, with the outcomes of recipients <paramref name="offset"/> on (at most <paramref name="limit"/>); null for no batch.</summary>
    Task<OutboundBatchStatus?> GetAsync(int offset, int limit);
}

/// <summary>A slice of a batch's recipients and their outcomes, kept apart so no one grain state grows with the batch.</summary>
public interface IOutboundBatchChunkGrain : IGrainWithStringKey
{
    Task StoreAsync(BatchRecipient[] recipients, int firstIndex);

    [ReadOnly]
    Task<BatchChunk> GetAsync();

    Task RecordAsync(RecipientOutcome[] outcomes);
}

/// <summary>The recipients of a chunk, from <paramref name="FirstIndex"/> on, and their outcomes in the same order.</summary>
[GenerateSerializer, Immutable]
public sealed record BatchChunk(
    [property: Id(0)] int FirstIndex,
    [property: Id(1)] BatchRecipient[] Recipients,
    [property: Id(2)] RecipientOutcome[] Outcomes);
