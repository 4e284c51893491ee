using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Activities;
using Conversations.Connectors;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;

namespace Conversations.GatewayTests.Api;

/// <summary>The web chat's visitor API over HTTP: tokens, signed identities, messages, receipts and the visitor's stream.</summary>
[Collection(SystemCollection.Name)]
public sealed class WebChatTests(SystemFixture system)
{
    private readonly Admin _admin = new(system);

    [Fact]
    public async Task Visitors_UnknownServiceOrNotAWebChat_AreNotFound()
    {
        var webhook = await _admin.ChannelWithWebhookAsync(system.Connector.HookUrl("not-web-chat"));

        Assert.Equal(HttpStatusCode.NotFound, (await system.Anonymous.PostAsJsonAsync("/api/webchat/web:nowhere/visitors", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Anonymous.PostAsJsonAsync($"/api/webchat/{webhook.Service}/visitors", new { })).StatusCode);
    }

    [Fact]
    public async Task Visitors_WebChatWhoseChannelTypeIsNotForWebVisitors_IsAConflict()
    {
        var chat = await _admin.WebChatChannelAsync("WEBPHONE", identityKind: "PHONE");

        Assert.Equal(HttpStatusCode.Conflict, (await system.Anonymous.PostAsJsonAsync($"/api/webchat/{chat.Service}/visitors", new { })).StatusCode);
    }

    [Fact]
    public async Task VisitorToken_ForgedOrAlteredOrExpired_IsRefusedWith401()
    {
        var chat = await _admin.WebChatChannelAsync();
        using var visitor = await system.VisitorAsync(chat.Service);
        var parts = visitor.Token.Split('.');
        var otherPayload = System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { s = chat.Service, c = "visitor:someone-else", iat = 1 }));

        foreach (var token in new[] { $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}", $"{parts[0]}.{otherPayload}.{parts[2]}", "wv1.e30", "not-a-token" })
        {
            using var forged = Visitors.Client(system.Anonymous.BaseAddress!, token);
            var response = await forged.PostAsJsonAsync(visitor.Path("messages"), new { text = "hi", clientMessageId = "m1" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        system.GatewayClock.Offset = TimeSpan.FromDays(31);
        try
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.Http.PostAsJsonAsync(visitor.Path("messages"), new { text = "hi", clientMessageId = "m2" })).StatusCode);
        }
        finally
        {
            system.GatewayClock.Offset = TimeSpan.Zero;
        }

        await visitor.SaysAsync("still good today");
    }

    [Fact]
    public async Task VisitorToken_OfAnotherWebChat_IsForbiddenThere()
    {
        var (shop, other) = (await _admin.WebChatChannelAsync(), await _admin.WebChatChannelAsync());
        using var visitor = await system.VisitorAsync(shop.Service);

        var response = await visitor.Http.PostAsJsonAsync($"/api/webchat/{other.Service}/messages", new { text = "hi", clientMessageId = "m1" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.Http.GetAsync($"/api/webchat/{other.Service}/events")).StatusCode);
    }

    [Fact]
    public async Task SignedIdentity_GoodHash_IsOneCustomerOnTwoBrowsers()
    {
        var chat = await _admin.WebChatChannelAsync();
        var userId = "user-" + Guid.NewGuid().ToString("N")[..8];
        var identity = new { userId, userHash = WebChatIdentity.Hash(chat.IdentitySecret!, userId) };

        using var laptop = await system.VisitorAsync(chat.Service, identity);
        using var phone = await system.VisitorAsync(chat.Service, identity);
        var first = (await laptop.SaysAsync("from my laptop")).GetProperty("sequence").GetInt64();
        var second = (await phone.SaysAsync("and from my phone")).GetProperty("sequence").GetInt64();

        Assert.Equal("user:" + userId, laptop.CustomerIdentifier);
        Assert.Equal(laptop.CustomerIdentifier, phone.CustomerIdentifier);
        Assert.True(second > first);
        var customer = await system.CustomerAsync(laptop);
        var texts = await TextsAsync(customer.ActiveConversationId!);
        Assert.Contains("from my laptop", texts);
        Assert.Contains("and from my phone", texts);
    }

    [Fact]
    public async Task SignedIdentity_AfterChattingAnonymously_ContinuesThatConversationAsTheUser()
    {
        var chat = await _admin.WebChatChannelAsync();
        var userId = "user-" + Guid.NewGuid().ToString("N")[..8];
        using var anonymous = await system.VisitorAsync(chat.Service);
        await anonymous.SaysAsync("before signing in");
        var conversationId = (await system.CustomerAsync(anonymous)).ActiveConversationId!;

        using var signedIn = await system.VisitorAsync(chat.Service, new { userId, userHash = WebChatIdentity.Hash(chat.IdentitySecret!, userId), previousToken = anonymous.Token });
        await signedIn.SaysAsync("after signing in");

        var customer = await system.CustomerAsync(signedIn);
        Assert.Equal(conversationId, customer.ActiveConversationId);
        Assert.Equal(customer.Id, (await system.CustomerAsync(anonymous)).Id);
        Assert.Equal(["before signing in", "after signing in"], (await TextsAsync(conversationId)).Where(t => t is "before signing in" or "after signing in"));
        // The anonymous token, should someone have copied it, speaks for nobody now.
        using var written = await anonymous.Http.PostAsJsonAsync(anonymous.Path("messages"), new { text = "as the old visitor", clientMessageId = Guid.NewGuid().ToString("N") });
        using var streamed = await anonymous.Http.GetAsync(anonymous.Path("events"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (written.StatusCode, streamed.StatusCode));
    }

    [Fact]
    public async Task SignedIdentity_TheAnonymousStreamOpenAtTheTakeover_Ends()
    {
        var chat = await _admin.WebChatChannelAsync();
        var userId = "user-" + Guid.NewGuid().ToString("N")[..8];
        using var anonymous = await system.VisitorAsync(chat.Service);
        await anonymous.SaysAsync("before signing in");
        await using var stream = await EventStream.OpenAsync(anonymous.Http, anonymous.Path("events"));
        Assert.Equal("before signing in", (await stream.NextNamedAsync("message")).Data.GetProperty("text").GetString());

        using var signedIn = await system.VisitorAsync(chat.Service, new { userId, userHash = WebChatIdentity.Hash(chat.IdentitySecret!, userId), previousToken = anonymous.Token });

        await Assert.ThrowsAsync<EndOfStreamException>(() => stream.NextNamedAsync("no event ends the stream but its end"));
    }

    [Fact]
    public async Task SignedIdentity_AUserKnownFromAnotherBrowser_AbsorbsTheAnonymousChat()
    {
        var chat = await _admin.WebChatChannelAsync();
        var userId = "user-" + Guid.NewGuid().ToString("N")[..8];
        var identity = new { userId, userHash = WebChatIdentity.Hash(chat.IdentitySecret!, userId) };
        using var laptop = await system.VisitorAsync(chat.Service, identity);
        await laptop.SaysAsync("from my laptop");
        var userCustomer = await system.CustomerAsync(laptop);
        using var anonymous = await system.VisitorAsync(chat.Service);
        await anonymous.SaysAsync("anonymous on the phone");

        using var phone = await system.VisitorAsync(chat.Service, new { identity.userId, identity.userHash, previousToken = anonymous.Token });

        Assert.Equal(userCustomer.Id, (await system.CustomerAsync(anonymous)).Id);
        Assert.Equal(userCustomer.Id, (await system.CustomerAsync(phone)).Id);
        using var written = await anonymous.Http.PostAsJsonAsync(anonymous.Path("messages"), new { text = "as the old visitor", clientMessageId = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.Unauthorized, written.StatusCode);
    }

    [Fact]
    public async Task SignedIdentity_AnAnonymousTokenAUserAlreadyTook_GivesAnotherUserNothingOfTheirs()
    {
        var chat = await _admin.WebChatChannelAsync();
        var (first, second) = ("user-" + Guid.NewGuid().ToString("N")[..8], "user-" + Guid.NewGuid().ToString("N")[..8]);
        using var anonymous = await system.VisitorAsync(chat.Service);
        await anonymous.SaysAsync("the first user's question");
        using var firstUser = await system.VisitorAsync(chat.Service, new { userId = first, userHash = WebChatIdentity.Hash(chat.IdentitySecret!, first), previousToken = anonymous.Token });

        using var secondUser = await system.VisitorAsync(chat.Service, new { userId = second, userHash = WebChatIdentity.Hash(chat.IdentitySecret!, second), previousToken = anonymous.Token });
        await secondUser.SaysAsync("the second user's own chat");

        var firstCustomer = await system.CustomerAsync(firstUser);
        var secondCustomer = await system.CustomerAsync(secondUser);
        Assert.NotEqual(firstCustomer.Id, secondCustomer.Id);
        Assert.NotEqual(firstCustomer.ActiveConversationId, secondCustomer.ActiveConversationId);
        Assert.DoesNotContain(firstCustomer.Identities, i => i.Value == "user:" + second);
    }

    [Fact]
    public async Task SignedIdentity_WithAPreviousTokenNotThisChatsAnonymousVisitor_JoinsNothing()
    {
        var chat = await _admin.WebChatChannelAsync();
        var other = await _admin.WebChatChannelAsync();
        var userId = "user-" + Guid.NewGuid().ToString("N")[..8];
        var hash = WebChatIdentity.Hash(chat.IdentitySecret!, userId);
        using var elsewhere = await system.VisitorAsync(other.Service);
        await elsewhere.SaysAsync("on another site");
        var otherUser = "user-" + Guid.NewGuid().ToString("N")[..8];
        using var signedInBefore = await system.VisitorAsync(chat.Service, new { userId = otherUser, userHash = WebChatIdentity.Hash(chat.IdentitySecret!, otherUser) });
        await signedInBefore.SaysAsync("a signed-in user's chat");

        foreach (var previousToken in new[] { elsewhere.Token, signedInBefore.Token, "wv1.not.a-token" })
        {
            using var visitor = await system.VisitorAsync(chat.Service, new { userId, userHash = hash, previousToken });
        }

        using var user = await system.VisitorAsync(chat.Service, new { userId, userHash = hash });
        await user.SaysAsync("my own chat");
        var mine = (await system.CustomerAsync(user)).Id;
        Assert.NotEqual(mine, (await system.CustomerAsync(elsewhere)).Id);
        Assert.NotEqual(mine, (await system.CustomerAsync(signedInBefore)).Id);
    }

    [Fact]
    public async Task SignedIdentity_BadHashOrNoSecretSet_IsForbiddenAndMalformedIsInvalid()
    {
        var chat = await _admin.WebChatChannelAsync();
        var unsigned = await _admin.WebChatChannelAsync(withIdentitySecret: false);
        var wrong = new { userId = "alice", userHash = WebChatIdentity.Hash("not-the-secret", "alice") };

        Assert.Equal(HttpStatusCode.Forbidden, (await system.Anonymous.PostAsJsonAsync($"/api/webchat/{chat.Service}/visitors", wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Anonymous.PostAsJsonAsync($"/api/webchat/{unsigned.Service}/visitors", wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await system.Anonymous.PostAsJsonAsync($"/api/webchat/{chat.Service}/visitors", new { userId = "alice" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Http.GetAsync("/api/customers?kind=WEB_VISITOR&value=user:alice")).StatusCode);
    }

    [Fact]
    public async Task Message_RetriedWithTheSameClientMessageId_IsADuplicateNotASecondMessage()
    {
        var chat = await _admin.WebChatChannelAsync();
        using var visitor = await system.VisitorAsync(chat.Service);

        var first = await visitor.SaysAsync("only once", "client-1");
        var retry = await visitor.SaysAsync("only once", "client-1");

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(retry.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("sequence").GetInt64(), retry.GetProperty("sequence").GetInt64());
        var customer = await system.CustomerAsync(visitor);
        Assert.Single(await TextsAsync(customer.ActiveConversationId!), t => t == "only once");
    }

    [Fact]
    public async Task Receipts_DeliveredThenRead_MoveTheBotsMessagesForwardOnly()
    {
        var chat = await _admin.WebChatChannelAsync();
        using var visitor = await system.VisitorAsync(chat.Service);
        await visitor.SaysAsync("hello");
        var conversationId = (await system.CustomerAsync(visitor)).ActiveConversationId!;
        var greeting = await Eventually.MatchesAsync(
            () => BotMessagesAsync(conversationId), m => m.Count > 0 && m.All(a => a.Delivery == DeliveryOutcome.Sent), "the greeting to be SENT");
        var upTo = greeting.Max(m => m.Sequence);

        await Receipt(visitor, "DELIVERED", upTo);
        Assert.All(await BotMessagesAsync(conversationId), m => Assert.Equal(DeliveryOutcome.Delivered, m.Delivery));
        await Receipt(visitor, "READ", upTo);
        Assert.All(await BotMessagesAsync(conversationId), m => Assert.Equal(DeliveryOutcome.Read, m.Delivery));
        await Receipt(visitor, "DELIVERED", upTo);
        Assert.All(await BotMessagesAsync(conversationId), m => Assert.Equal(DeliveryOutcome.Read, m.Delivery));
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.Http.PostAsJsonAsync(visitor.Path("receipts"), new { outcome = "FAILED", upToSequence = upTo })).StatusCode);
    }

    [Fact]
    public async Task Stream_ReplaysAfterTheCursorThenLive_AndAReconnectRepeatsNothing()
    {
        var chat = await _admin.WebChatChannelAsync();
        using var visitor = await system.VisitorAsync(chat.Service);
        string lastId;
        await using (var stream = await EventStream.OpenAsync(visitor.Http, visitor.Path("events")))
        {
            await visitor.SaysAsync("first");
            var mine = await stream.NextNamedAsync("message");
            Assert.Equal(("CUSTOMER", "first"), (mine.Data.GetProperty("from").GetString(), mine.Data.GetProperty("text").GetString()));
            var greeting = await stream.NextNamedAsync("message");
            Assert.Equal("BOT", greeting.Data.GetProperty("from").GetString());
            lastId = greeting.Id!;
            Assert.Equal($"{mine.Data.GetProperty("conversationId").GetString()}:{greeting.Data.GetProperty("sequence").GetInt64()}", lastId);
        }

        await visitor.SaysAsync("second");
        await using (var stream = await EventStream.OpenAsync(visitor.Http, visitor.Path("events"), lastId))
        {
            var next = await stream.NextNamedAsync("message");
            Assert.Equal("second", next.Data.GetProperty("text").GetString());
            await visitor.SaysAsync("third");
            Assert.Equal("third", (await stream.NextNamedAsync("message")).Data.GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task VisitorFile_UploadedAndSent_IsOnTheMessageTheDeskReadsAndALinkInTheStream()
    {
        var chat = await _admin.WebChatChannelAsync();
        using var visitor = await system.VisitorAsync(chat.Service);
        var photo = Guid.NewGuid().ToByteArray();
        using var content = new ByteArrayContent(photo);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        var uploaded = await visitor.Http.PostAsync(visitor.Path("uploads") + "?name=broken.jpg", content);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var uploadId = (await uploaded.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();

        await using var stream = await EventStream.OpenAsync(visitor.Http, visitor.Path("events"));
        var sent = await visitor.Http.PostAsJsonAsync(visitor.Path("messages"), new { clientMessageId = Guid.NewGuid().ToString("N"), attachmentId = uploadId });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        var mine = await stream.NextNamedAsync("message");
        Assert.Equal("[broken.jpg]", mine.Data.GetProperty("text").GetString());
        var link = mine.Data.GetProperty("attachments")[0].GetProperty("url").GetString()!;
        Assert.StartsWith($"/api/media/{uploadId}?", link);
        Assert.Equal(photo, await system.Anonymous.GetByteArrayAsync(link));
        var conversationId = mine.Data.GetProperty("conversationId").GetString()!;
        var message = (await ActivitiesAsync(conversationId)).Single(a => a.Kind == ActivityKind.CustomerMessage);
        Assert.Equal(("image/jpeg", "broken.jpg", (long?)photo.Length), (message.Attachments![0].ContentType, message.Attachments[0].Name, message.Attachments[0].Size));
        Assert.Equal(photo, await system.Http.GetByteArrayAsync($"/api/conversations/{conversationId}/activities/{message.Sequence}/attachments/0"));
    }

    [Fact]
    public async Task Stream_AnotherVisitor_SeesNoneOfItAndCannotNameItInTheCursor()
    {
        var chat = await _admin.WebChatChannelAsync();
        using var alice = await system.VisitorAsync(chat.Service);
        using var mallory = await system.VisitorAsync(chat.Service);
        await alice.SaysAsync("my secret order 4711");
        var conversationId = (await system.CustomerAsync(alice)).ActiveConversationId!;

        var refused = await mallory.Http.GetAsync(mallory.Path("events") + $"?after={conversationId}:0");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        await using var stream = await EventStream.OpenAsync(mallory.Http, mallory.Path("events"));
        await mallory.SaysAsync("hello from mallory");
        var seen = await stream.NextNamedAsync("message");
        Assert.Equal("hello from mallory", seen.Data.GetProperty("text").GetString());
        Assert.NotEqual(conversationId, seen.Data.GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task EndChat_ClosesTheVisitorsConversationAsCustomerLeft()
    {
        var chat = await _admin.WebChatChannelAsync();
        using var visitor = await system.VisitorAsync(chat.Service);
        await visitor.SaysAsync("bye soon");
        var conversationId = (await system.CustomerAsync(visitor)).ActiveConversationId!;

        Assert.Equal(HttpStatusCode.NoContent, (await visitor.Http.PostAsync(visitor.Path("end"), null)).StatusCode);

        await Eventually.MatchesAsync(
            () => system.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversationId}"),
            c => c.GetProperty("closeReason").GetString() == "CUSTOMER_LEFT",
            "the conversation to close as CUSTOMER_LEFT");
    }

    [Fact]
    public async Task VisitorCalls_BeyondTheBurst_Get429WhileOtherVisitorsPass()
    {
        const int burst = 5;
        var gateway = await system.StartGatewayAsync(("Security:VisitorBurst", burst.ToString()), ("Security:VisitorRequestsPerSecond", "1"));
        var chat = await _admin.WebChatChannelAsync();
        using var busy = Visitors.Client(gateway, (await system.VisitorAsync(chat.Service)).Token);
        using var calm = Visitors.Client(gateway, (await system.VisitorAsync(chat.Service)).Token);
        var receipts = $"/api/webchat/{chat.Service}/receipts";
        var receipt = new { outcome = "DELIVERED", upToSequence = 1 };

        var answers = await Task.WhenAll(Enumerable.Range(0, burst * 3).Select(_ => busy.PostAsJsonAsync(receipts, receipt)));

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.NotNull(refused[0].Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await calm.PostAsJsonAsync(receipts, receipt)).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here", "application/json")]
    [InlineData("POST", "/api/webchat/web:any/messages", "text/plain")]
    [InlineData("POST", "/api/connector/messages", "text/plain")]
    public async Task Fallback_WithoutCredentials_IsOne401ProblemNotAServerError(string method, string path, string contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", null, contentType) };

        var response = await system.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var _ = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cors_PreflightFromAnySite_IsAllowedWithoutCredentials()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/webchat/web:any/messages");
        preflight.Headers.Add("Origin", "https://shop.example.test");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await system.Anonymous.SendAsync(preflight);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Files_WidgetAndHostedPage_AreServedAndThePageHasAContentSecurityPolicy()
    {
        var widget = await system.Anonymous.GetAsync("/webchat/widget.js");
        var page = await system.Anonymous.GetAsync("/webchat/chat.html?service=web:shop");

        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        Assert.Equal("text/javascript", widget.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, (await system.Anonymous.GetAsync("/webchat/webchat.css")).StatusCode);
    }

    private static async Task Receipt(Visitor visitor, string outcome, long upTo)
    {
        var response = await visitor.Http.PostAsJsonAsync(visitor.Path("receipts"), new { outcome, upToSequence = upTo });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<List<Activity>> ActivitiesAsync(string conversationId) =>
        [.. (await system.Http.GetFromJsonAsync<ActivityPage>($"/api/conversations/{conversationId}/activities?after=0&limit=100", SystemFixture.Json))!.Items];

    private async Task<List<string?>> TextsAsync(string conversationId) =>
        [.. (await ActivitiesAsync(conversationId)).Where(a => a.Kind == ActivityKind.CustomerMessage).Select(a => a.Text)];

    private async Task<List<Activity>> BotMessagesAsync(string conversationId) =>
        [.. (await ActivitiesAsync(conversationId)).Where(a => a.Kind == ActivityKind.BotMessage)];
}
