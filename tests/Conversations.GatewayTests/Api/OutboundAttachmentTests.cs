using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Activities;
using Conversations.Attachments;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;
using static Conversations.GatewayTests.Foundation.DeskSteps;

namespace Conversations.GatewayTests.Api;

/// <summary>An agent's file: uploaded, carried by a message, fetched by the connector or provider through a signed link.</summary>
[Collection(SystemCollection.Name)]
public sealed class OutboundAttachmentTests(SystemFixture system)
{
    private static readonly byte[] Invoice = "%PDF-1.7 invoice 4711"u8.ToArray();

    private readonly Admin _admin = new(system);

    [Fact]
    public async Task AgentMessage_WithAnUpload_ReachesTheWebhookAsASignedLinkThatServesTheFile()
    {
        var hook = "files-" + Guid.NewGuid().ToString("N")[..8];
        var (agentId, agent, conversationId, taskId) = await AgentInConversationAsync(hook);
        var upload = await UploadAsync(agent, "application/pdf", "invoice.pdf", Invoice);

        await SucceedAsync(agent.PostAsJsonAsync($"/api/agents/{agentId}/tasks/{taskId}/messages", new { text = "", attachmentId = upload.Id }));

        var posted = await Eventually.MatchesAsync(
            () => Task.FromResult(system.Connector.To(hook).Where(r => r.Body.GetProperty("from").GetString() == "AGENT").ToList()),
            p => p.Count > 0, "the agent's message at the webhook");
        var message = posted[0].Body;
        Assert.Equal("[invoice.pdf]", message.GetProperty("text").GetString());
        var file = Assert.Single(message.GetProperty("attachments").EnumerateArray().ToList());
        Assert.Equal(("application/pdf", "invoice.pdf", Invoice.Length), (file.GetProperty("contentType").GetString(), file.GetProperty("name").GetString(), file.GetProperty("size").GetInt32()));
        var link = file.GetProperty("url").GetString()!;
        Assert.StartsWith(SystemFixture.PublicBaseUrl + "/api/media/" + upload.Id + "?", link);
        var path = link[SystemFixture.PublicBaseUrl.Length..];
        var fetched = await system.Anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(Invoice, await fetched.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Anonymous.GetAsync(path[..^2] + "xx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Anonymous.GetAsync($"/api/media/{upload.Id}")).StatusCode);

        var logged = await AgentMessageAsync(conversationId);
        var download = await agent.GetAsync($"/api/conversations/{conversationId}/activities/{logged.Sequence}/attachments/0");
        Assert.Equal(Invoice, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("invoice.pdf", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task AgentMessage_WithAnUploadOnTwilio_IsSentWithItsMediaUrl()
    {
        var type = NewChannelType();
        var channel = await _admin.TwilioChannelAsync(TwilioWebhooks.NewNumber("+1415"), type);
        var customer = TwilioWebhooks.NewNumber("+1646");
        var (agentId, agent) = await system.ReadyAgentAsync(type, slots: 50);
        await SucceedAsync(system.TwilioPostAsync(
            TwilioWebhooks.MessagesPath(channel.ConnectorId), TwilioWebhooks.SmsForm(channel, customer, "I need an agent"), channel.AuthToken));
        var taskId = await system.OfferedTaskAsync(agentId);
        await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/accept", null));
        var upload = await UploadAsync(agent, "image/png", "label.png", [0x89, 0x50, 0x4E, 0x47]);

        await SucceedAsync(agent.PostAsJsonAsync($"/api/agents/{agentId}/tasks/{taskId}/messages", new { text = "Your return label", attachmentId = upload.Id }));

        var sent = await Eventually.MatchesAsync(
            () => Task.FromResult(system.Twilio.To(customer).Where(c => c.Form.ContainsKey("MediaUrl")).ToList()), c => c.Count > 0, "the label at Twilio");
        Assert.Equal("Your return label", sent[0].Form["Body"]);
        Assert.StartsWith(SystemFixture.PublicBaseUrl + "/api/media/" + upload.Id + "?expires=", sent[0].Form["MediaUrl"]);
    }

    public static TheoryData<string, string?, int> BadUploads() => new()
    {
        { "no media type", null, 10 },
        { "not a media type", "pdf", 10 },
        { "empty", "application/pdf", 0 },
        { "a name on two lines", "application/pdf;name", 10 },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Upload_Bad_IsRefusedWithProblemDetails(string why, string? contentType, int size)
    {
        var (_, agent) = await system.ReadyAgentAsync(NewChannelType(), slots: 50);
        var name = contentType == "application/pdf;name" ? "two\nlines.pdf" : "file.pdf";
        using var content = new ByteArrayContent(new byte[size]);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType.Split(';')[0]);
        }

        var response = await agent.PostAsync($"/api/uploads?name={Uri.EscapeDataString(name)}", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Upload_LargerThanTheGatewayTakes_Is413()
    {
        var (_, agent) = await system.ReadyAgentAsync(NewChannelType(), slots: 50);
        using var small = ApiAccess.Client(await system.StartGatewayAsync(("Gateway:MaxUploadBytes", "1000")));
        small.DefaultRequestHeaders.Authorization = agent.DefaultRequestHeaders.Authorization;
        using var content = new ByteArrayContent(new byte[1001]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        var response = await small.PostAsync("/api/uploads?name=big.pdf", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>Its own channel type, so that no other test's ready agent takes the offer.</summary>
    private static string NewChannelType() => "F" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private async Task<(string AgentId, HttpClient Agent, string ConversationId, string TaskId)> AgentInConversationAsync(string hook)
    {
        var type = NewChannelType();
        var channel = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl(hook), type, "PHONE");
        var (agentId, agent) = await system.ReadyAgentAsync(type, slots: 50);
        var conversationId = (await system.CustomerSaysAsync(channel, "I need an agent")).ConversationId;
        var taskId = await system.OfferedTaskAsync(agentId);
        await SucceedAsync(agent.PostAsync($"/api/agents/{agentId}/tasks/{taskId}/accept", null));
        return (agentId, agent, conversationId, taskId);
    }


    private static async Task<StoredUpload> UploadAsync(HttpClient agent, string contentType, string name, byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var response = await agent.PostAsync($"/api/uploads?name={Uri.EscapeDataString(name)}", content);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<StoredUpload>(SystemFixture.Json))!;
    }

    private async Task<Activity> AgentMessageAsync(string conversationId) =>
        (await Eventually.MatchesAsync(
            async () => (await system.Http.GetFromJsonAsync<ActivityPage>($"/api/conversations/{conversationId}/activities?after=0&limit=50", SystemFixture.Json))!
                .Items.Where(a => a.Kind == ActivityKind.AgentMessage).ToList(),
            a => a.Count > 0, "the agent's message in the log"))[0];
}
