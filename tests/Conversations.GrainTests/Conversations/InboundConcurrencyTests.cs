using Conversations.GrainTests.Foundation;
using Conversations.Testing;

namespace Conversations.GrainTests.Conversations;

/// <summary>
/// Many customers' messages are in flight at once: the entry grain must not make them queue behind each other's
/// commit, or the activity log's group commit has nothing to group and a silo carries one message per core.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InboundConcurrencyTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task ReceiveMessage_MoreCustomersThanCores_AllWaitForTheirCommitAtOnce()
    {
        var channel = await _given.ChannelAsync();
        var log = fixture.SiloService<GatedActivityLog>();
        var texts = Enumerable.Range(0, Environment.ProcessorCount + 2).Select(i => $"at once {Guid.NewGuid():N} {i}").ToList();

        Task[] posts;
        using (log.Hold())
        {
            posts = [.. texts.Select(text => _given.PostAsync(channel, Builders.NewPhone(), text))];
            await Eventually.MatchesAsync(
                () => Task.FromResult(log.Waiting.Intersect(texts).Count()),
                waiting => waiting == texts.Count,
                "every customer's first message waiting for its commit at the same time");
        }

        await Task.WhenAll(posts);
    }
}
