namespace Conversations.Hosting;

/// <summary>
/// A grain whose memory runs ahead of its storage during a call. When a call fails part-way, the grain
/// deactivates, so the next call (a retry) starts from what was stored rather than from half a change.
/// </summary>
public abstract class ReloadOnFailureGrain : Grain
{
    /// <summary>True while the current call has changed nothing yet: a refusal then needs no reload.</summary>
    protected virtual bool Unchanged => false;

    /// <summary>Drops what the failed call prepared but did not store.</summary>
    protected virtual void ForgetUnsaved()
    {
    }

    /// <summary>Arranges, as far as it can, for the grain to come back and catch up on its own.</summary>
    protected virtual Task AfterFailedChangeAsync() => Task.CompletedTask;

    protected async Task<T> ChangeAsync<T>(Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        catch (Exception e) when (!(e is DomainException && Unchanged))
        {
            ForgetUnsaved();
            DeactivateOnIdle();
            try
            {
                await AfterFailedChangeAsync();
            }
            catch (Exception)
            {
                // The original failure is the one to report.
            }

            throw;
        }
    }

    protected Task ChangeAsync(Func<Task> change) => ChangeAsync(async () =>
    {
        await change();
        return true;
    });
}
