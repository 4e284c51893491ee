using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// Group commit: callers queue requests, and one loop takes everything waiting (up to a batch's weight), runs it
/// in one transaction, and completes each caller with its own result after that transaction committed. While one batch
/// is in the database the next one gathers, so many concurrent callers share one round trip and one WAL flush, and
/// a lone caller waits for nothing but its own statement.
/// </summary>
/// <remarks>
/// When a batch fails, each of its requests is run again on its own, so only the culprit sees the error. That is
/// safe because every statement given to this class is idempotent or refuses a repeat (ON CONFLICT, version checks).
/// </remarks>
internal sealed class GroupCommit<TRequest, TResult> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> _run;
    private readonly int _maxWeight;
    private readonly Func<TRequest, int> _weight;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _batches;

    /// <param name="run">Runs one batch in one transaction and gives one result per request, in order.</param>
    /// <param name="maxWeight">Most weight per batch: large enough to absorb bursts, small enough to keep a transaction short.</param>
    /// <param name="weight">A request's weight (rows it writes); 1 when not given.</param>
    public GroupCommit(
        Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> run, int maxWeight, ILogger logger, Func<TRequest, int>? weight = null)
    {
        _run = run;
        _maxWeight = maxWeight;
        _weight = weight ?? (_ => 1);
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>How many batches have committed: shows how much the batching saves.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>
    /// Completes with the request's result once its batch committed. Cancelling stops the wait, not the request:
    /// one already queued may still run.
    /// </summary>
    public Task<TResult> RunAsync(TRequest request, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(request);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit<TRequest, TResult>));
        }

        return cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task;
    }

    /// <summary>Lets the loop finish what is already queued, so no accepted request is dropped on shutdown.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync())
        {
            var weight = 0;
            while (weight < _maxWeight && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                weight += _weight(pending.Request);
            }

            await RunBatchAsync(batch);
            batch.Clear();
        }
    }

    private async Task RunBatchAsync(List<Pending> batch)
    {
        try
        {
            var results = await _run([.. batch.Select(p => p.Request)]);
            Interlocked.Increment(ref _batches);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception batchError) when (batch.Count > 1)
        {
            _logger.LogWarning(batchError, "A batch of {Count} requests failed; running them one by one", batch.Count);
            foreach (var pending in batch)
            {
                await RunBatchAsync([pending]);
            }
        }
        catch (Exception error)
        {
            batch[0].Completion.TrySetException(error);
        }
    }

    private sealed class Pending(TRequest request)
    {
        public TRequest Request { get; } = request;

        // Continuations run off the loop, so a slow caller never delays the next batch.
        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
