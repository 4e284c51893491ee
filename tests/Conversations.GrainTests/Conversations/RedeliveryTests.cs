using Conversations.Activities;
using Conversations.Channels;
using Conversations.GrainTests.Foundation;
using Conversations.Outbound;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Conversations.GrainTests.Conversations;

[Collection(ClusterCollection.Name)]
public sealed class RedeliveryTests(ClusterFixture fixture)
{
    private readonly Builders _given = new(fixture.Grains);

    [Fact]
    public async Task BotMessage_DeliveryLostWithItsSilo_IsDeliveredAgainFromTheLog()
    {
        await using var controller = await _given.UseControllerAsync(ControllerSettings.Default with { GreetingText = "Welcome back!" });
        var channel = await _given.ChannelAsync();
        var phone = Builders.NewPhone();
        var accepted = await _given.PostAsync(channel, phone);
        var log = fixture.SiloService<IActivityLog>();
        var lostWith = new RecordingDispatcher();
        var redelivery = new OutboundRedelivery(
            log, new LoggedMessageHandOver(fixture.SiloService<DeliveryRecorder>(), fixture.Grains, lostWith), Options.Create(new OutboundDeliveryOptions { RedeliveryBatchSize = 100_000 }), fixture.Clock, NullLogger<OutboundRedelivery>.Instance);

        await redelivery.SweepOnceAsync();
        Assert.Empty(lostWith.To(accepted.ConversationId));

        fixture.Clock.Advance(new OutboundDeliveryOptions().RedeliverAfter + TimeSpan.FromSeconds(1));
        await redelivery.SweepOnceAsync();

        var (connector, message) = Assert.Single(lostWith.To(accepted.ConversationId));
        Assert.Equal(Builders.WebhookOf("WHATSAPP"), connector.WebhookUrl);
        Assert.Equal(("Welcome back!", phone, accepted.ChannelSessionId), (message.Text, message.CustomerChannelIdentifier, message.ChannelSessionId));
        var original = Assert.Single(fixture.Delivered.To(accepted.ConversationId)).Message;
        Assert.Equal(original.MessageId, message.MessageId);

        await redelivery.SweepOnceAsync();
        Assert.Single(lostWith.To(accepted.ConversationId));

        await log.RecordDeliveryAsync(accepted.ConversationId, message.Sequence, DeliveryOutcome.Delivered);
        fixture.Clock.Advance(new OutboundDeliveryOptions().RedeliverAfter + TimeSpan.FromSeconds(1));
        await redelivery.SweepOnceAsync();
        Assert.Single(lostWith.To(accepted.ConversationId));
    }
}
