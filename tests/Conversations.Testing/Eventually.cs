using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conversations.Testing;

/// <summary>
/// Waits for work the system finishes on its own after a call returns (one-way notifications, webhook
/// retries, timers fired by a moved clock). It polls; it never asserts on how long that took. A wait that
/// does not end the way the test expects fails the test, saying what it last read.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan HoldWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    // Long enough for a conversation view, short enough to keep a failure message readable.
    private const int MaxDescribedLength = 4000;

    private static readonly JsonSerializerOptions Readable = new()
    {
        IncludeFields = true,
        // Only read by people: "+49..." and non-ASCII text as they are rather than \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Reads until <paramref name="condition"/> holds and returns that value. A read or condition that throws
    /// counts as not yet; when the time is up the test fails with the last value read and the last exception.
    /// </summary>
    /// <param name="expectation">What the test waits for; by default the condition's source text.</param>
    public static async Task<T> MatchesAsync<T>(
        Func<Task<T>> read,
        Func<T, bool> condition,
        [CallerArgumentExpression(nameof(condition))] string expectation = "",
        TimeSpan? within = null)
    {
        var limit = within ?? Limit;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            // Only the last attempt is reported, so each one starts from nothing read.
            (bool Read, T Value) last = default;
            Exception? error = null;
            try
            {
                last = (true, await read());
                if (condition(last.Value))
                {
                    return last.Value;
                }
            }
            catch (Exception e)
            {
                error = e;
            }

            if (DateTime.UtcNow > deadline)
            {
                var seen = (last.Read, error) switch
                {
                    (false, _) => $"The last read threw {error!.GetType().Name}: {error.Message}",
                    (true, null) => "Last read: " + Describe(last.Value),
                    (true, _) => $"Last read: {Describe(last.Value)}{Environment.NewLine}The condition threw {error.GetType().Name} on it: {error.Message}",
                };
                throw new EventuallyException($"Waited {limit.TotalSeconds:0.#} s for {expectation}, but it never held.{Environment.NewLine}{seen}", error);
            }

            await Task.Delay(Poll);
        }
    }

    public static Task<T> MatchesAsync<T>(
        Func<T> read,
        Func<T, bool> condition,
        [CallerArgumentExpression(nameof(condition))] string expectation = "",
        TimeSpan? within = null) =>
        MatchesAsync(() => Task.FromResult(read()), condition, expectation, within);

    /// <summary>
    /// Checks a condition keeps holding for a while, for things that must not happen (a timer that must not
    /// fire yet, a task that must stay queued). Fails the test as soon as it stops holding, with what was read;
    /// returns the last value read otherwise.
    /// </summary>
    /// <param name="expectation">What must keep holding; by default the condition's source text.</param>
    public static async Task<T> HoldsAsync<T>(
        Func<Task<T>> read,
        Func<T, bool> condition,
        [CallerArgumentExpression(nameof(condition))] string expectation = "",
        TimeSpan? window = null)
    {
        var started = DateTime.UtcNow;
        var length = window ?? HoldWindow;
        var until = started + length;
        while (true)
        {
            var value = await read();
            if (!condition(value))
            {
                throw new EventuallyException(
                    $"Expected {expectation} for {length.TotalSeconds:0.#} s, but after {(DateTime.UtcNow - started).TotalSeconds:0.###} s it no longer held.{Environment.NewLine}Read: {Describe(value)}",
                    null);
            }

            if (DateTime.UtcNow >= until)
            {
                return value;
            }

            await Task.Delay(Poll);
        }
    }

    /// <summary>A value as a failure message shows it: strings as they are, anything else as JSON (records, collections, tuples).</summary>
    private static string Describe(object? value)
    {
        if (value is null or string)
        {
            return value as string ?? "null";
        }

        string text;
        try
        {
            text = JsonSerializer.Serialize(value, value.GetType(), Readable);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException)
        {
            // Some values cannot be serialized (cycles, delegates); their own text is the next best thing.
            text = value.ToString() ?? value.GetType().Name;
        }

        return text.Length <= MaxDescribedLength ? text : text[..MaxDescribedLength] + $"... ({text.Length} characters)";
    }
}

/// <summary>A wait that did not end as the test expected.</summary>
public sealed class EventuallyException(string message, Exception? lastError) : Exception(message, lastError);
