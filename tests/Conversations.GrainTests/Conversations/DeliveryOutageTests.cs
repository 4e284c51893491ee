using Conversations.Activities;
using Conversations.Channels;
using Conversations.Security;
using Conversations.GrainTests.Foundation;
using Conversations.Outbound;
using Conversations.Telemetry;
using Conversations.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Conversations.GrainTests.Conversations;

/// <summary>Outbound delivery to a webhook on the fake clock, against a connector that is down for minutes while its silo restarts.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DeliveryOutageTests(ClusterFixture fixture)
{
    // Lost sooner than the test silo's own redelivery finds them (5 min), which hands them to the recording dispatcher.
    private static readonly OutboundDeliveryOptions Settings = new() { RedeliverAfter = TimeSpan.FromMinutes(2) };

    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task Delivery_ConnectorDownForMinutesAcrossASiloRestart_DeliversEveryMessageInOrderWhenItIsBack()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default with { GreetingText = "Welcome!", HandOverText = "One moment." });
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone);
        await _given.PostAsync(channel, phone, "agent");
        var handedOver = await Eventually.MatchesAsync(
            () => Task.FromResult(fixture.Delivered.To(accepted.ConversationId)), d => d.Count == 2, "the greeting and the hand-over text");
        string[] messageIds = [handedOver[0].Message.MessageId, handedOver[1].Message.MessageId];
        var connector = new FakeConnector { Down = true };
        var log = fixture.SiloService<IActivityLog>();

        using (var before = NewDelivery(connector))
        {
            await before.StartAsync(CancellationToken.None);
            foreach (var (webhook, message) in handedOver)
            {
                before.Dispatch(webhook, message, message.SentAt);
            }

            // Ten minutes down, far past the old 31 s of retries: the greeting retries, the hand-over text waits behind it.
            var downSince = fixture.Clock.GetUtcNow();
            var refused = await AdvanceUntilAsync(
                () => connector.PostsOf(accepted.ConversationId),
                posts => fixture.Clock.GetUtcNow() - downSince >= TimeSpan.FromMinutes(10) && posts.Count >= 8);
            Assert.All(refused, post => Assert.Equal((messageIds[0], false), post));
            await before.StopAsync(CancellationToken.None);
        }

        connector.Down = false;
        using var after = NewDelivery(connector);
        await after.StartAsync(CancellationToken.None);
        var redelivery = new OutboundRedelivery(
            log, new LoggedMessageHandOver(fixture.SiloService<DeliveryRecorder>(), fixture.Grains, after), Options.Create(Settings), fixture.Clock, NullLogger<OutboundRedelivery>.Instance);
        fixture.Clock.Advance(Settings.RedeliverAfter + TimeSpan.FromSeconds(1));
        await redelivery.SweepOnceAsync();

        var delivered = await Eventually.MatchesAsync(
            async () => (await log.ReadAsync(accepted.ConversationId, 0, 100)).Items.Where(a => a.Kind == ActivityKind.BotMessage).ToList(),
            bot => bot.All(a => a.Delivery == DeliveryOutcome.Delivered),
            "both bot messages delivered after the restart");
        Assert.Equal(2, delivered.Count);
        Assert.Equal(messageIds, connector.PostsOf(accepted.ConversationId).Where(p => p.Taken).Select(p => p.MessageId));
        await after.StopAsync(CancellationToken.None);
    }

    private OutboundDelivery NewDelivery(FakeConnector connector) => new(
        connector,
        fixture.SiloService<IActivityLog>(),
        fixture.SiloService<DeliveryRecorder>(),
        [new WebhookTransport(
            new ConnectorSecrets(fixture.Grains, fixture.SiloService<SecretBox>(), fixture.Clock, NullLogger<ConnectorSecrets>.Instance),
            new AttachmentLinks(new MediaLinks(fixture.SiloService<SecurityKeys>()), Options.Create(new ProviderApiOptions()), fixture.Clock),
            fixture.Clock)],
        Options.Create(Settings),
        fixture.SiloService<ConversationsMetrics>(),
        fixture.Clock,
        NullLogger<OutboundDelivery>.Instance);

    /// <summary>Moves the clock on a few seconds at a time, giving the delivery's waits their turn, until the condition holds.</summary>
    private Task<T> AdvanceUntilAsync<T>(Func<T> read, Func<T, bool> condition) =>
        Eventually.MatchesAsync(
            () =>
            {
                fixture.Clock.Advance(TimeSpan.FromSeconds(5));
                return Task.FromResult(read());
            },
            condition,
            "the connector to have been down for ten minutes");
}
