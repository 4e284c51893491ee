using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Agents;
using Conversations.ChannelSessions;
using Conversations.Conversations;
using Conversations.Domain;
using Conversations.Gateway.Endpoints;
using Conversations.GatewayTests.Foundation;
using Conversations.Outbound;
using Conversations.Testing;
using static Conversations.GatewayTests.Foundation.DeskSteps;

namespace Conversations.GatewayTests.Api;

/// <summary>
/// Conversations the business starts, through the API as a supervisor's tool or an agent's desk calls it, on a WhatsApp
/// Cloud number served by the fake Graph API.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OutboundTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task Template_OnWhatsApp_GoesAsTypeTemplateOnce_AndTheCustomersReplyIsOfferedToTheOwner()
    {
        var type = NewType();
        var channel = await _admin.WhatsAppChannelAsync(typeCode: type);
        var template = await TemplateAsync(channel, "Hi {{1}}, your order {{2}} has shipped.");
        // Ready first, so idle longest: plain routing would offer the reply to this agent; only the owner rule offers it to the owner.
        var (longestIdleId, _) = await system.ReadyAgentAsync(type);
        var (agentId, agent) = await system.ReadyAgentAsync(type);
        var phone = NewPhone();
        Assert.Contains(
            (await agent.GetFromJsonAsync<List<MessageTemplate>>($"/api/channels/{Uri.EscapeDataString(channel.Service)}/templates", SystemFixture.Json))!,
            t => t.Id == template);
        var request = new
        {
            requestId = "order-" + Guid.NewGuid().ToString("N"),
            channel = channel.Service,
            customerIdentifier = phone,
            template = new { id = template, parameters = new[] { "Ann", "A-1001" } },
            ownerAgentId = agentId,
        };

        var first = await system.Http.PostAsJsonAsync("/api/outbound/conversations", request);
        var retried = await system.Http.PostAsJsonAsync("/api/outbound/conversations", request);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retried.StatusCode));
        var started = (await system.ReadAsync<OutboundStarted>(first))!;
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retried.Content.ReadAsStringAsync());
        var sent = Assert.Single(await Eventually.MatchesAsync(() => Task.FromResult(system.WhatsAppGraph.From(channel.PhoneNumberId)), s => s.Count > 0, "the template at the Graph API"));
        Assert.Equal(
            $$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"{{phone.TrimStart('+')}}","type":"template","template":{"name":"order_update","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ann"},{"type":"text","text":"A-1001"}]}]},"biz_opaque_callback_data":"{{started.ConversationId}}:{{started.Sequence}}"}""",
            sent.Body.GetRawText());
        Assert.Empty((await AgentAsync(agentId)).Tasks);
        var waiting = Assert.Single((await system.Http.GetFromJsonAsync<ConversationView>($"/api/conversations/{started.ConversationId}", SystemFixture.Json))!.ChannelSessions);
        Assert.Equal((SessionDirection.Outbound, false), (waiting.Direction, waiting.ReplyWindow!.Open));

        await SucceedAsync(system.PostWhatsAppAsync(channel, WhatsAppWebhooks.TextMessage(channel, phone, "Can I change the address?")));

        var taskId = await system.OfferedTaskAsync(agentId);
        Assert.Equal(started.ConversationId, (await AgentAsync(agentId)).Tasks.Single(t => t.TaskId == taskId).ConversationId);
        Assert.Empty((await AgentAsync(longestIdleId)).Tasks);
        // Taken, so no offer times out later, under another test's feet.
        await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/accept", null));
        Assert.Single(system.WhatsAppGraph.From(channel.PhoneNumberId), s => s.Body.GetProperty("type").GetString() == "template");
    }

    [Fact]
    public async Task FreeText_OnWhatsApp_IsRefused409OutsideTheWindow_AndSentInsideIt()
    {
        var channel = await _admin.WhatsAppChannelAsync(typeCode: NewType());
        var phone = NewPhone();

        var outside = await StartTextAsync(system.Http, channel.Service, phone, "Your parcel is on its way.");

        Assert.Equal(HttpStatusCode.Conflict, outside.StatusCode);
        Assert.Equal("application/problem+json", outside.Content.Headers.ContentType?.MediaType);
        Assert.Contains("24 hours", (await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        await system.AssertNoCustomerAsync(phone);

        await SucceedAsync(system.PostWhatsAppAsync(channel, WhatsAppWebhooks.TextMessage(channel, phone, "Where is my parcel?")));
        var inside = await StartTextAsync(system.Http, channel.Service, phone, "It left the warehouse today.");

        Assert.Equal(HttpStatusCode.Created, inside.StatusCode);
        var started = (await system.ReadAsync<OutboundStarted>(inside))!;
        Assert.True(started.JoinedLiveConversation);
        Assert.Equal((await system.ConversationOfPhoneAsync(phone)).Id, started.ConversationId);
        await Eventually.MatchesAsync(
            () => Task.FromResult(system.WhatsAppGraph.From(channel.PhoneNumberId)),
            s => s.Any(m => m.Body.TryGetProperty("text", out var text) && text.GetProperty("body").GetString() == "It left the warehouse today."),
            "the free text at the Graph API");
    }

    [Fact]
    public async Task Start_ByAnAgent_OnlyForCustomersTheAgentServed()
    {
        var type = NewType();
        var channel = await _admin.WhatsAppChannelAsync(typeCode: type);
        var (agentId, agent) = await system.ReadyAgentAsync(type);
        var (_, stranger) = await system.ReadyAgentAsync("OTHER");
        var phone = NewPhone();
        await SucceedAsync(system.PostWhatsAppAsync(channel, WhatsAppWebhooks.TextMessage(channel, phone, "I want an agent")));
        await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{await system.OfferedTaskAsync(agentId)}/accept", null));

        var refused = await StartTextAsync(stranger, channel.Service, phone, "Hello from someone else");
        var allowed = await StartTextAsync(agent, channel.Service, phone, "Following up on your question.");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Created), (refused.StatusCode, allowed.StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/outbound/batches", new { requestId = "x", channel = channel.Service, recipients = Array.Empty<object>() })).StatusCode);
    }

    [Fact]
    public async Task OwnerQueue_NotAPullList_Is400NamingIt_AndAgentsMayNotNameOne()
    {
        var channel = await _admin.WhatsAppChannelAsync(typeCode: NewType());
        var template = await TemplateAsync(channel, "Hi {{1}}, your claim is in.");
        var (_, agent) = await system.ReadyAgentAsync(NewType());
        var phone = NewPhone();
        var nowhere = "nobody-pulls-" + Guid.NewGuid().ToString("N")[..8];
        object Message(string queue) => new
        {
            requestId = "claim-" + Guid.NewGuid().ToString("N"), channel = channel.Service, customerIdentifier = phone,
            template = new { id = template, parameters = new[] { "Ann" } }, ownerQueue = queue,
        };

        var unknown = await system.Http.PostAsJsonAsync("/api/outbound/conversations", Message(nowhere));
        var byAgent = await agent.PostAsJsonAsync("/api/outbound/conversations", Message(nowhere));
        var batch = await system.Http.PostAsJsonAsync("/api/outbound/batches", new
        {
            requestId = "claims-" + Guid.NewGuid().ToString("N")[..8], channel = channel.Service, template = new { id = template, parameters = new[] { "Ann" } },
            ownerQueue = nowhere, recipients = new[] { new { customerIdentifier = phone } },
        });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest), (unknown.StatusCode, byAgent.StatusCode, batch.StatusCode));
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("ownerQueue", out _));
        Assert.True((await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("ownerQueue", out _));
        await system.AssertNoCustomerAsync(phone);
        Assert.Empty(system.WhatsAppGraph.From(channel.PhoneNumberId));
    }

    [Fact]
    public async Task Batch_SmallCampaign_CompletesWithEachRecipientsOutcome()
    {
        var channel = await _admin.WhatsAppChannelAsync(typeCode: NewType());
        var template = await TemplateAsync(channel, "Hi {{1}}, our sale starts today.");
        var batchId = "spring-sale-" + Guid.NewGuid().ToString("N")[..8];

        var accepted = await system.Http.PostAsJsonAsync("/api/outbound/batches", new
        {
            requestId = batchId,
            channel = channel.Service,
            template = new { id = template },
            recipients = new object[]
            {
                new { customerIdentifier = NewPhone(), parameters = new[] { "Ann" } },
                new { customerIdentifier = NewPhone(), parameters = new[] { "Bo" } },
                new { customerIdentifier = "not a phone", parameters = new[] { "Cy" } },
            },
        });

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var done = await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<OutboundBatchStatus>($"/api/outbound/batches/{batchId}?limit=10", SystemFixture.Json))!,
            s => s.CompletedAt is not null,
            "the batch to complete");
        Assert.Equal((3, 2, 1, 0), (done.Total, done.Sent, done.Failed, done.Pending));
        Assert.Equal([RecipientStatus.Sent, RecipientStatus.Sent, RecipientStatus.Failed], done.Recipients.Select(r => r.Status));
        await Eventually.MatchesAsync(() => Task.FromResult(system.WhatsAppGraph.From(channel.PhoneNumberId)), s => s.Count == 2, "both templates at the Graph API");
    }

    [Fact]
    public async Task Batch_FromACsv_SendsEachRowWithItsParameters()
    {
        var channel = await _admin.WhatsAppChannelAsync(typeCode: NewType());
        var template = await TemplateAsync(channel, "Hi {{1}}, your order {{2}} has shipped.");
        var (ann, bo) = (NewPhone(), NewPhone());
        var path = $"/api/outbound/batches/csv?requestId=csv-{Guid.NewGuid():N}&channel={Uri.EscapeDataString(channel.Service)}&templateId={template}";

        var refused = await system.Http.PostAsync(path, new StringContent($"customerIdentifier\n{ann}", System.Text.Encoding.UTF8, "text/plain"));
        var accepted = await system.Http.PostAsync(path, new StringContent($"customerIdentifier,name,order\r\n{ann},Ann,1001\r\n{bo},\"Bo, Jr.\",1002\r\n", System.Text.Encoding.UTF8, "text/csv"));

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.Accepted), (refused.StatusCode, accepted.StatusCode));
        var done = await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<OutboundBatchStatus>(accepted.Headers.Location!.OriginalString, SystemFixture.Json))!,
            s => s.CompletedAt is not null,
            "the batch to complete");
        Assert.Equal((2, 2), (done.Total, done.Sent));
        var sent = await Eventually.MatchesAsync(() => Task.FromResult(system.WhatsAppGraph.From(channel.PhoneNumberId)), s => s.Count == 2, "both templates at the Graph API");
        Assert.Contains(sent, s => s.Body.GetProperty("template").GetProperty("components")[0].GetProperty("parameters")[0].GetProperty("text").GetString() == "Bo, Jr.");
    }

    [Fact]
    public async Task Batch_FromACsv_WithAByteOrderMarkIsRead_InvalidUtf8Is400_AndOverTheLimitIs413()
    {
        var channel = await _admin.WhatsAppChannelAsync(typeCode: NewType());
        var template = await TemplateAsync(channel, "Hi {{1}}, our sale starts today.");
        string Path() => $"/api/outbound/batches/csv?requestId=csv-{Guid.NewGuid():N}&channel={Uri.EscapeDataString(channel.Service)}&templateId={template}";
        static ByteArrayContent Csv(byte[] bytes) => new(bytes) { Headers = { ContentType = new("text/csv") } };
        var header = System.Text.Encoding.UTF8.GetBytes($"customerIdentifier,name\r\n{NewPhone()},Ann\r\n");

        var withMark = await system.Http.PostAsync(Path(), Csv([0xEF, 0xBB, 0xBF, .. header]));
        var notUtf8 = await system.Http.PostAsync(Path(), Csv([.. header, .. System.Text.Encoding.UTF8.GetBytes($"{NewPhone()},Z"), 0xEB, (byte)'\n']));
        // The 413 comes before the body is read: wait for the go-ahead so the refusal is not lost in a reset socket.
        using var tooLarge = new HttpRequestMessage(HttpMethod.Post, Path()) { Content = Csv([.. header, .. new byte[OutboundEndpoints.MaxBatchBodyBytes]]) };
        tooLarge.Headers.ExpectContinue = true;
        var overLimit = await system.Http.SendAsync(tooLarge);

        Assert.Equal(
            (HttpStatusCode.Accepted, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge),
            (withMark.StatusCode, notUtf8.StatusCode, overLimit.StatusCode));
        var problem = await notUtf8.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("Line 3 ", problem.GetProperty("errors").GetProperty("csv")[0].GetString());
        Assert.Equal(1, (await system.ReadAsync<OutboundBatchStatus>(withMark))!.Total);
    }

    [Fact]
    public async Task Batch_OverTenThousandRecipients_IsReadWholeAndRefused400NamingTheRecipients()
    {
        var channel = await _admin.WhatsAppChannelAsync(typeCode: NewType());
        var recipients = Enumerable.Range(0, OutboundRules.MaxBatchRecipients + 1).Select(_ => new { customerIdentifier = NewPhone() }).ToArray();

        var response = await system.Http.PostAsJsonAsync("/api/outbound/batches", new { requestId = "too-many-" + Guid.NewGuid().ToString("N")[..8], channel = channel.Service, text = "Hi", recipients });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("recipients", out _));
    }

    [Fact]
    public async Task Template_WithAGapInItsParameters_Is400NamingTheBody()
    {
        var channel = await _admin.WhatsAppChannelAsync(typeCode: NewType());

        var response = await system.Http.PostAsJsonAsync("/api/admin/message-templates", new
        {
            id = "gap-" + Guid.NewGuid().ToString("N")[..8], serviceIdentifier = channel.Service, name = "gap", language = "en", body = "Hi {{1}}, see {{3}}",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("body", out _));
    }

    private async Task<string> TemplateAsync(WhatsAppChannel channel, string body)
    {
        var id = "tpl-" + Guid.NewGuid().ToString("N")[..8];
        var created = await system.Http.PostAsJsonAsync("/api/admin/message-templates", new
        {
            id, serviceIdentifier = channel.Service, name = "order_update", language = "en_US", body,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return id;
    }


    private async Task<AgentView> AgentAsync(string agentId) =>
        (await system.Http.GetFromJsonAsync<AgentView>($"/api/agents/{agentId}", SystemFixture.Json))!;

    private static Task<HttpResponseMessage> StartTextAsync(HttpClient caller, string channel, string phone, string text) =>
        caller.PostAsJsonAsync("/api/outbound/conversations", new { requestId = "text-" + Guid.NewGuid().ToString("N"), channel, customerIdentifier = phone, text });

    private static string NewType() => "O" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static string NewPhone() => "+1650" + Random.Shared.Next(1_000_000, 9_999_999);
}
