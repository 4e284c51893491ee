namespace Conversations.Outbound;

/// <summary>A batch as its grain keeps it: what to send and how far it got; the recipients are in its chunks.</summary>
[GenerateSerializer]
public sealed class OutboundBatchState
{
    /// <summary>The <see cref="Fingerprint"/> of the request that started the batch.</summary>
    [Id(0)]
    public string? Fingerprint { get; set; }

    /// <summary>The batch without its recipients.</summary>
    [Id(1)]
    public OutboundBatch? Batch { get; set; }

    [Id(2)]
    public int Total { get; set; }

    /// <summary>Per chunk, how many were sent and how many failed, as of the chunk's last stored outcomes.</summary>
    [Id(3)]
    public int[] Sent { get; set; } = [];

    [Id(4)]
    public int[] Failed { get; set; } = [];

    /// <summary>The first chunk whose outcomes are not all stored yet.</summary>
    [Id(5)]
    public int NextChunk { get; set; }

    [Id(6)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(7)]
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>
    /// By recipient index, how many of its sends faulted (not refusals); only recipients that faulted are here. State
    /// stored before the field existed reads as empty.
    /// </summary>
    [Id(8)]
    public Dictionary<int, int> FaultedAttempts { get; set; } = [];
}

[GenerateSerializer]
public sealed class OutboundBatchChunkState
{
    [Id(0)]
    public int FirstIndex { get; set; }

    [Id(1)]
    public BatchRecipient[] Recipients { get; set; } = [];

    [Id(2)]
    public RecipientOutcome[] Outcomes { get; set; } = [];
}
