using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Conversations.Silo.Storage.Postgres;

/// <summary>
/// Group commit: callers queue requests, and one loop takes everything waiting (up to a batch's weight), runs it
/// in one transaction, and completes each caller with its own result after that transaction committed. While one batch
/// is in the database the next one gathers, so many concurrent callers share one round trip and one WAL flush, and
/// a lone caller waits for nothing but its own statement.
/// </summary>
/// <remarks>
/// When PostgreSQL refuses a batch for what a statement holds (a value too long, a constraint), each of its requests
/// is run again on its own, so only the culprit sees the error. A lost connection or a transient failure fails the
/// whole batch at once instead: each request again would wait out its own timeout, and a batch whose commit went
/// through unseen would come back as conflicts. Callers' retries are safe: every statement here is idempotent or
/// refuses a repeat (ON CONFLICT, version checks).
/// </remarks>
internal sealed class GroupCommit<TRequest, TResult> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> _run;
    private readonly int _maxWeight;
    private readonly Func<TRequest, int> _weight;
    private readonly Func<TRequest, string>? _rowOf;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _batches;

    /// <param name="run">Runs one batch in one transaction and gives one result per request, in order.</param>
    /// <param name="maxWeight">Most weight per batch: large enough to absorb bursts, small enough to keep a transaction short.</param>
    /// <param name="weight">A request's weight (rows or bytes it writes); 1 when not given.</param>
    /// <param name="rowOf">
    /// The row a request locks. A batch runs its requests in the order of their rows (a stable sort, so one row's
    /// requests keep the order they came in): batches of several silos locking the same rows then cannot deadlock.
    /// </param>
    public GroupCommit(
        Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> run,
        int maxWeight,
        ILogger logger,
        Func<TRequest, int>? weight = null,
        Func<TRequest, string>? rowOf = null)
    {
        _run = run;
        _maxWeight = maxWeight;
        _weight = weight ?? (_ => 1);
        _rowOf = rowOf;
        _logger = logger;
        // The loop outlives the call that happened to create it: it must not carry that call's trace (Activity.Current)
        // into every batch it will ever run.
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(LoopAsync);
        }
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

            await RunBatchAsync(_rowOf is null ? batch : [.. batch.OrderBy(p => _rowOf(p.Request), StringComparer.Ordinal)]);
            batch.Clear();
        }
    }

    private async Task RunBatchAsync(List<Pending> batch)
    {
        IReadOnlyList<TResult> results;
        try
        {
            results = await _run([.. batch.Select(p => p.Request)]);
            if (results.Count != batch.Count)
            {
                throw new InvalidOperationException($"A batch of {batch.Count} requests gave {results.Count} results.");
            }
        }
        catch (PostgresException refused) when (batch.Count > 1 && !refused.IsTransient)
        {
            _logger.LogWarning(refused, "A batch of {Count} requests was refused; running them one by one", batch.Count);
            foreach (var pending in batch)
            {
                await RunBatchAsync([pending]);
            }

            return;
        }
        catch (Exception error)
        {
            // Nothing may escape: the loop would end and every later request wait forever.
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(error);
            }

            return;
        }

        Interlocked.Increment(ref _batches);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(results[i]);
        }
    }

    private sealed class Pending(TRequest request)
    {
        public TRequest Request { get; } = request;

        // Continuations run off the loop, so a slow caller never delays the next batch.
        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
