using Conversations.Channels;
using Conversations.Domain;
using Conversations.Storage;
using Conversations.Timing;
using Microsoft.Extensions.Logging;

namespace Conversations.Outbound;

/// <summary>
/// Sends one campaign in the background: recipient after recipient, each at the channel's next free slot (see
/// <see cref="IOutboundPacerGrain"/>), through an <see cref="IOutboundRequestGrain"/> of its own. Outcomes are stored a
/// chunk at a time; after a restart the wake-up book brings the batch back, and it goes through the chunk it was on
/// again: the recipients already sent get their request's stored answer, not a second message.
/// </summary>
public sealed partial class OutboundBatchGrain(
    [PersistentState(StateNames.OutboundBatch, StorageNames.GrainState)] IPersistentState<OutboundBatchState> batch,
    ChannelDirectory channels,
    IWakeUpBook wakeUps,
    TimeProvider time,
    ILogger<OutboundBatchGrain> logger)
    : Grain, IOutboundBatchGrain
{
    public const int ChunkSize = 250;
    public const int MaxPage = 1000;

    /// <summary>While the batch runs, the book holds it due this soon, so a stopped silo leaves it to another.</summary>
    private static readonly TimeSpan ResumeAfter = TimeSpan.FromMinutes(1);

    private Task? _running;

    /// <summary>Cancelled when the activation goes: its run stops between recipients.</summary>
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The outcomes of the chunk under way, ahead of what is stored.</summary>
    private (int Chunk, RecipientOutcome[] Outcomes)? _current;

    private OutboundBatchState State => batch.State;

    private string BatchId => this.GetPrimaryKeyString()[GrainKeys.OutboundBatchPrefix.Length..];

    public async Task<OutboundBatchStatus> StartAsync(OutboundBatch asked)
    {
        var fingerprint = Fingerprint.Of(asked);
        if (State.Batch is not null)
        {
            if (State.Fingerprint != fingerprint)
            {
                throw DomainException.Conflict($"The request id '{asked.BatchId}' was already used for another batch.");
            }

            KeepRunning();
            return await StatusAsync(0, 0);
        }

        asked.Validate();
        if (asked.BatchId != BatchId)
        {
            throw DomainException.Invalid($"The batch is '{asked.BatchId}' but was sent to batch '{BatchId}'.", "requestId");
        }

        await RequireSendableAsync(asked);
        var chunks = asked.Recipients.Chunk(ChunkSize).ToArray();
        for (var c = 0; c < chunks.Length; c++)
        {
            await Chunk(c).StoreAsync(chunks[c], c * ChunkSize);
        }

        // Booked before the batch is stored: a silo stopping in between leaves a wake-up that finds nothing to do.
        await wakeUps.BookAsync(this.GetGrainId(), time.GetUtcNow() + ResumeAfter);
        batch.State = new OutboundBatchState
        {
            Fingerprint = fingerprint,
            Batch = asked with { Recipients = [] },
            Total = asked.Recipients.Length,
            Sent = new int[chunks.Length],
            Failed = new int[chunks.Length],
            CreatedAt = time.GetUtcNow(),
        };
        await batch.WriteStateAsync();
        KeepRunning();
        return await StatusAsync(0, 0);
    }

    public async Task<OutboundBatchStatus?> GetAsync(int offset, int limit) => State.Batch is null ? null : await StatusAsync(offset, limit);

    async Task IWakeUpTarget.WakeAsync()
    {
        if (State.Batch is null || State.CompletedAt is not null)
        {
            await wakeUps.CancelAsync(this.GetGrainId());
            return;
        }

        await wakeUps.BookAsync(this.GetGrainId(), time.GetUtcNow() + ResumeAfter);
        KeepRunning();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_running is { } running)
        {
            // It stores its outcomes so far before it ends; it never throws.
            await running.WaitAsync(cancellationToken);
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>The channel, the template and the owner queue must exist before the batch is stored; each recipient is checked when sent to.</summary>
    private async Task RequireSendableAsync(OutboundBatch asked)
    {
        if (await channels.FindAsync(asked.ServiceIdentifier) is null)
        {
            throw DomainException.NotFound($"No channel has the service identifier '{asked.ServiceIdentifier}'.");
        }

        if (asked.TemplateId is { } templateId)
        {
            await GrainFactory.RequireTemplateAsync(asked.ServiceIdentifier, templateId);
        }

        if (asked.OwnerQueue is { } queue)
        {
            OutboundRules.RequireOwnerQueue(queue, await GrainFactory.Get<IChannelCatalogGrain>(GrainKeys.CatalogKey).ListChannelsAsync());
        }
    }

    private void KeepRunning()
    {
        if (State.CompletedAt is null && _running is not { IsCompleted: false })
        {
            _running = RunAsync(_stopping.Token);
        }
    }

    /// <summary>
    /// Runs on the grain's turns between its calls, so reading the progress meanwhile is safe. It stops between
    /// recipients when the activation goes, so an old activation never sends beside a newly woken one.
    /// </summary>
    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            var definition = State.Batch!;
            for (var c = State.NextChunk; c < State.Sent.Length; c++)
            {
                var chunk = await Chunk(c).GetAsync();
                var outcomes = chunk.Outcomes.ToArray();
                _current = (c, outcomes);
                var rate = (await channels.FindAsync(definition.ServiceIdentifier))?.Channel.MessagesPerSecond ?? Channel.DefaultOutboundMessagesPerSecond;
                for (var i = 0; i < outcomes.Length; i++)
                {
                    stopping.ThrowIfCancellationRequested();
                    // A recipient whose outcome is stored takes no slot: a resumed chunk paces only those still to send.
                    if (outcomes[i].Status == RecipientStatus.Pending)
                    {
                        await PaceAsync(definition.ServiceIdentifier, rate, stopping);
                        outcomes[i] = await SendAsync(definition.RequestFor(chunk.FirstIndex + i, chunk.Recipients[i]), chunk.FirstIndex + i);
                    }
                }

                await StoreProgressAsync(c, outcomes, chunkDone: true);
                _current = null;
            }

            await wakeUps.CancelAsync(this.GetGrainId());
            LogCompleted(BatchId, State.Sent.Sum(), State.Failed.Sum());
        }
        catch (Exception e)
        {
            // Its wake-up brings it back to carry on from what is stored; the outcomes so far are stored first, so
            // the recipients already sent are neither paced nor asked for again.
            await StoreInterruptedAsync();
            LogInterrupted(e, BatchId);
        }
    }

    private async Task StoreProgressAsync(int chunk, RecipientOutcome[] outcomes, bool chunkDone)
    {
        await Chunk(chunk).RecordAsync(outcomes);
        State.Sent[chunk] = outcomes.Count(o => o.Status == RecipientStatus.Sent);
        State.Failed[chunk] = outcomes.Count(o => o.Status == RecipientStatus.Failed);
        if (chunkDone)
        {
            State.NextChunk = chunk + 1;
            State.CompletedAt = State.NextChunk == State.Sent.Length ? time.GetUtcNow() : null;
        }

        await batch.WriteStateAsync();
    }

    private async Task StoreInterruptedAsync()
    {
        try
        {
            if (_current is { } current)
            {
                await StoreProgressAsync(current.Chunk, current.Outcomes, chunkDone: false);
            }
            else
            {
                await batch.WriteStateAsync();
            }
        }
        catch (Exception e)
        {
            // Nothing is lost that the requests do not keep: the chunk is gone through again, sending nobody twice.
            LogInterrupted(e, BatchId);
        }
        finally
        {
            _current = null;
        }
    }

    /// <summary>Waits for the channel's next free slot; the activation stays while it waits.</summary>
    private async Task PaceAsync(string serviceIdentifier, int rate, CancellationToken stopping)
    {
        var slot = await GrainFactory.Get<IOutboundPacerGrain>(GrainKeys.OutboundPacer(serviceIdentifier)).ReserveAsync(rate);
        var wait = slot - time.GetUtcNow();
        DelayDeactivation(ResumeAfter + wait);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, stopping);
        }
    }

    /// <summary>
    /// A refusal (customer unknown, template parameters wrong, WhatsApp's window) fails the recipient alone. A fault
    /// stops the run, to be tried again on the wake-up, until the recipient has faulted <see cref="OutboundRules.MaxRecipientAttempts"/>
    /// times: then it fails and the others go on.
    /// </summary>
    private async Task<RecipientOutcome> SendAsync(OutboundRequest request, int index)
    {
        try
        {
            var started = await GrainFactory.Get<IOutboundRequestGrain>(GrainKeys.OutboundRequest(request.RequestId)).StartAsync(request);
            return new RecipientOutcome(index, RecipientStatus.Sent, started.CustomerId, started.ConversationId, started.Sequence, At: time.GetUtcNow());
        }
        catch (DomainException e)
        {
            return new RecipientOutcome(index, RecipientStatus.Failed, Failure: e.Message, At: time.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var attempts = State.FaultedAttempts[index] = State.FaultedAttempts.GetValueOrDefault(index) + 1;
            if (!OutboundRules.GivesUpRecipient(attempts))
            {
                throw;
            }

            LogGaveUp(e, BatchId, index);
            return new RecipientOutcome(index, RecipientStatus.Failed, Failure: OutboundRules.GaveUpReason(e.Message), At: time.GetUtcNow());
        }
    }

    private async Task<OutboundBatchStatus> StatusAsync(int offset, int limit)
    {
        var (sent, failed) = (0, 0);
        for (var c = 0; c < State.Sent.Length; c++)
        {
            var current = _current is { } under && under.Chunk == c ? under.Outcomes : null;
            sent += current?.Count(o => o.Status == RecipientStatus.Sent) ?? State.Sent[c];
            failed += current?.Count(o => o.Status == RecipientStatus.Failed) ?? State.Failed[c];
        }

        var recipients = new List<RecipientOutcome>();
        var end = Math.Min(State.Total, offset + Math.Clamp(limit, 0, MaxPage));
        for (var index = Math.Max(0, offset); index < end;)
        {
            var c = index / ChunkSize;
            var outcomes = _current is { } under && under.Chunk == c ? under.Outcomes : (await Chunk(c).GetAsync()).Outcomes;
            for (; index < end && index / ChunkSize == c; index++)
            {
                recipients.Add(outcomes[index % ChunkSize]);
            }
        }

        var definition = State.Batch!;
        return new OutboundBatchStatus(
            BatchId, definition.ServiceIdentifier, State.Total, sent, failed, State.Total - sent - failed, State.CreatedAt, State.CompletedAt, recipients);
    }

    private IOutboundBatchChunkGrain Chunk(int chunk) => GrainFactory.Get<IOutboundBatchChunkGrain>(GrainKeys.OutboundBatchChunk(BatchId, chunk));

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} completed: {Sent} sent, {Failed} failed")]
    private partial void LogCompleted(string batchId, int sent, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} gave up recipient {Index} after repeated faults")]
    private partial void LogGaveUp(Exception exception, string batchId, int index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} was interrupted; its wake-up resumes it")]
    private partial void LogInterrupted(Exception exception, string batchId);
}
