using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Conversations.GatewayTests.Foundation;
using Conversations.Inbound;
using Conversations.Testing;

namespace Conversations.GatewayTests.Api;

[Collection(SystemCollection.Name)]
public sealed class TracingTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task InboundMessage_OneTrace_FromTheRequestThroughGrainsAndCommitToTheWebhookDelivery()
    {
        var hook = "trace-" + Guid.NewGuid().ToString("N")[..8];
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl(hook));

        var posted = await channel.Connector.PostAsJsonAsync("/api/connector/messages", new
        {
            serviceIdentifier = channel.Service,
            customerChannelIdentifier = "+49162" + Random.Shared.Next(1_000_000, 9_999_999),
            connectorMessageId = "trace-1",
            text = "Is anyone there?",
        });

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var conversationId = (await system.ReadAsync<InboundAccepted>(posted)).ConversationId;
        var greeting = (await Eventually.MatchesAsync(() => system.Connector.To(hook), r => r.Count == 1, "the greeting to reach the connector"))[0];
        var messageId = greeting.Body.GetProperty("messageId").GetString();

        var trace = await Eventually.MatchesAsync(
            () => TraceOf(conversationId, messageId),
            t => t.Complete,
            "one trace from the request through the grains and the commit to the delivery's POST");

        Assert.Equal(1, trace.Requests);
        Assert.Equal(1, trace.Deliveries);
    }

    /// <summary>
    /// The trace holding the delivery of <paramref name="messageId"/>, as far as it is recorded: the spans it needs,
    /// and whether each descends from the connector's request to the gateway.
    /// </summary>
    private TraceSeen TraceOf(string conversationId, string? messageId)
    {
        var spans = system.Spans.Snapshot();
        var delivery = spans.FirstOrDefault(s => s.DisplayName == "webhook delivery" && (string?)s.GetTagItem("message.id") == messageId);
        if (delivery is null)
        {
            return new TraceSeen(false, [], 0, 0);
        }

        var trace = spans.Where(s => s.TraceId == delivery.TraceId).ToList();
        var request = trace.Where(s => s.Kind == ActivityKind.Server && s.DisplayName == "POST /api/connector/messages").ToList();
        var byId = trace.ToDictionary(s => s.SpanId);
        bool Under(Activity span) => request.Count == 1 && Ancestors(span, byId).Contains(request[0]);
        Activity? Find(Func<Activity, bool> match) => trace.FirstOrDefault(s => match(s) && Under(s));

        var needed = new Dictionary<string, Activity?>
        {
            ["gateway calls the inbound grain"] = Find(s => s.Kind == ActivityKind.Client && Rpc(s, "IInboundGrain")),
            ["the customer grain is called"] = Find(s => s.Kind == ActivityKind.Server && Rpc(s, "ICustomerGrain")),
            ["the conversation grain is called"] = Find(s => s.Kind == ActivityKind.Server && Rpc(s, "IConversationGrain")),
            ["the activity log commits"] = Find(s => s.DisplayName == "activity log commit" && (string?)s.GetTagItem("conversation.id") == conversationId),
            ["the delivery"] = Under(delivery) ? delivery : null,
            ["the delivery POSTs the webhook"] = Find(s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http" && s.ParentSpanId == delivery.SpanId),
        };
        var missing = needed.Where(n => n.Value is null).Select(n => n.Key).ToList();
        return new TraceSeen(
            missing.Count == 0,
            [.. missing.Select(m => "missing: " + m), .. trace.Select(s => $"{s.Source.Name} {s.Kind} '{s.DisplayName}' {s.SpanId} < {s.ParentSpanId}")],
            request.Count,
            trace.Count(s => s.DisplayName == "webhook delivery"));
    }

    /// <summary>Orleans names a grain call's span after the interface and method, e.g. IInboundGrain/ReceiveMessageAsync.</summary>
    private static bool Rpc(Activity span, string grainInterface) =>
        span.Source.Name == "Microsoft.Orleans.Application" && span.DisplayName.StartsWith(grainInterface + "/", StringComparison.Ordinal);

    /// <summary>The recorded spans above <paramref name="span"/>, nearest first, as far as the chain is recorded.</summary>
    private static IEnumerable<Activity> Ancestors(Activity span, IReadOnlyDictionary<ActivitySpanId, Activity> byId)
    {
        var current = span;
        while (current.ParentSpanId != default && byId.TryGetValue(current.ParentSpanId, out var parent))
        {
            yield return parent;
            current = parent;
        }
    }

    private sealed record TraceSeen(bool Complete, IReadOnlyList<string> Spans, int Requests, int Deliveries);
}
