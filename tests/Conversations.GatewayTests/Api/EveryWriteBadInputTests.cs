using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conversations.Gateway.Endpoints;
using Conversations.GatewayTests.Foundation;
using Conversations.GatewayTests.Foundation.OpenApi;
using Conversations.Testing;

namespace Conversations.GatewayTests.Api;

/// <summary>
/// Every POST and PUT in the gateway's OpenAPI document gets bad bodies made from its schema: each is refused with a
/// 4xx and problem details that name no .NET type, and nothing the GET endpoints read changes. Endpoints are not
/// listed here: one added tomorrow is in the document, so it is tested too.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EveryWriteBadInputTests(SystemFixture system) : IDisposable
{
    private const int Shown = 300;

    [Fact]
    public async Task EveryPostAndPut_BadBodies_AreRefusedWithProblemDetailsAndChangeNothing()
    {
        var document = await ApiDocument.ReadAsync(system.Http);
        var shape = new SchemaShape(document);
        var leak = TypeNameLeak(document);
        var reads = document.Operations("get").Where(o => o.AnswersJson).ToList();
        var writes = document.Operations("post", "put");
        var world = await WorldAsync(reads);
        var failures = new List<string>();

        // Those without a body go last: they act on their path whatever is sent, so may change what is read back.
        foreach (var operation in writes.OrderBy(o => o.BodySchema is null))
        {
            var path = Fill(operation.Path, world);
            if (operation.BodySchema is not { } schema)
            {
                foreach (var bad in BadBodies.Shapes("""{"a":"b"}"""))
                {
                    failures.AddRange(await SendAsync(operation, path, bad, leak, bodyIgnored: true));
                }

                continue;
            }

            var good = await GoodBodyAsync(operation, path, shape, schema, reads, world);
            var before = await ReadBackAsync(reads, world);
            var bodyLimit = operation.Path == "/api/outbound/batches" ? OutboundEndpoints.MaxBatchBodyBytes : (long?)null;
            foreach (var bad in BadBodies.Shapes(good.ToJsonString(), bodyLimit).Concat(BadBodies.Fields(shape, good, schema)))
            {
                failures.AddRange(await SendAsync(operation, path, bad, leak, bodyIgnored: false));
            }

            var after = await ReadBackAsync(reads, world);
            failures.AddRange(before.Where(b => after[b.Key] != b.Value)
                .Select(b => $"{operation}: bad bodies changed GET {b.Key}: {Shorten(b.Value)} became {Shorten(after[b.Key])}"));
        }

        Assert.NotEmpty(writes);
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n{string.Join('\n', failures)}");
    }

    private HttpClient? _connector;
    private HttpClient? _agent;
    private Visitor? _visitor;

    public void Dispose()
    {
        _agent?.Dispose();
        _visitor?.Dispose();
    }

    /// <summary>The client that may call <paramref name="path"/>: the world's connector, its agent, its web chat visitor, else the admin.</summary>
    private HttpClient ClientFor(string path) =>
        path.StartsWith("/api/connector/", StringComparison.Ordinal) ? _connector!
        : path.StartsWith("/api/agents/", StringComparison.Ordinal) ? _agent!
        : path.StartsWith("/api/webchat/", StringComparison.Ordinal) ? _visitor!.Http
        : system.Http;

    /// <summary>A plausible value for a path or query parameter: something that exists, so the body is what is wrong.</summary>
    private static string ParameterValue(string path, string name, World world) => name switch
    {
        "key" when path.StartsWith("/api/admin/channel-types/", StringComparison.Ordinal) => world.ChannelType,
        "key" when path.StartsWith("/api/admin/channel-providers/", StringComparison.Ordinal) => world.Provider,
        "key" when path.StartsWith("/api/admin/channel-connectors/", StringComparison.Ordinal) => world.Connector,
        "key" when path.StartsWith("/api/admin/channels/", StringComparison.Ordinal) => world.Service,
        "id" when path.StartsWith("/api/customers/", StringComparison.Ordinal) => world.Customer,
        "id" when path.StartsWith("/api/conversations/", StringComparison.Ordinal) => world.Conversation,
        "id" when path.StartsWith("/api/channel-sessions/", StringComparison.Ordinal) => world.Session,
        "agentId" => world.Agent,
        "id" when path.StartsWith("/api/admin/users/", StringComparison.Ordinal) => world.Agent,
        "channelType" => world.ChannelType,
        "serviceIdentifier" when path.StartsWith("/api/webchat/", StringComparison.Ordinal) => world.WebChat,
        "kind" => "PHONE",
        "value" => world.UnknownPhone,
        // Well-formed, never made: the suite starts no task.
        "taskId" => "task-" + new string('0', 32),
        _ => "unknown",
    };

    /// <summary>Body values that must name something that exists, so that a bad field is the only thing wrong with the body.</summary>
    private static string? BodyValue(string property, World world) => property switch
    {
        "serviceIdentifier" => world.Service,
        "customerChannelIdentifier" => world.UnknownPhone,
        _ => null,
    };

    private async Task<IEnumerable<string>> SendAsync(ApiOperation operation, string path, BadBody bad, Regex leak, bool bodyIgnored)
    {
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path) { Content = bad.Content() };
        // Kestrel drops a connection whose body it refused unread; the next request must not find it in the pool.
        request.Headers.ConnectionClose = true;
        // A body larger than the socket buffers would still be on its way when the 413 comes: wait for the go-ahead first.
        request.Headers.ExpectContinue = bad.Status == HttpStatusCode.RequestEntityTooLarge;
        using var response = await ClientFor(path).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var failure = bodyIgnored
            ? status >= 500 ? "a server error" : null
            : bad.Status is { } expected && response.StatusCode != expected ? $"not {(int)expected}"
            : status is < 400 or >= 500 ? "not a 4xx"
            : null;
        if (failure is null && status >= 400)
        {
            failure = ProblemFailure(response, body, leak);
        }

        return failure is null ? [] : [$"{operation} with {bad.Why}: {failure}; got {status} {Shorten(body)}"];
    }

    private static string? ProblemFailure(HttpResponseMessage response, string body, Regex leak)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return "not problem details";
        }

        var problem = JsonDocument.Parse(body).RootElement;
        var said = $"{Text(problem, "title")} {Text(problem, "detail")}";
        return problem.GetProperty("status").GetInt32() != (int)response.StatusCode ? "a problem status that is not the response's"
            : string.IsNullOrWhiteSpace(Text(problem, "title")) ? "a problem without a title"
            : leak.Match(said) is { Success: true } name ? $"a problem naming the .NET type '{name.Value}'"
            : null;
    }

    private async Task<JsonNode> GoodBodyAsync(ApiOperation operation, string path, SchemaShape shape, JsonElement schema, IEnumerable<ApiOperation> reads, World world)
    {
        // What the API itself answers for the path is valid: a PUT gets the entry, a POST a listed one.
        if (reads.Any(r => r.Path == operation.Path) && await ClientFor(path).GetAsync(path) is { IsSuccessStatusCode: true } read
            && JsonNode.Parse(await read.Content.ReadAsStringAsync()) is var current
            && (current as JsonObject ?? (current as JsonArray)?.FirstOrDefault()) is JsonObject entry)
        {
            return entry.DeepClone();
        }

        var sample = shape.Sample(schema)!.AsObject();
        foreach (var (name, _) in shape.Properties(schema))
        {
            if (BodyValue(name, world) is { } value)
            {
                sample[name] = value;
            }
        }

        return sample;
    }

    /// <summary>Every JSON GET, as status and (when it succeeds) body, keyed by its URL.</summary>
    private async Task<Dictionary<string, string>> ReadBackAsync(IEnumerable<ApiOperation> reads, World world)
    {
        var all = new Dictionary<string, string>();
        foreach (var read in reads)
        {
            var query = string.Join('&', read.Parameters.Where(p => p is { In: "query", Required: true })
                .Select(p => $"{p.Name}={Uri.EscapeDataString(ParameterValue(read.Path, p.Name, world))}"));
            var url = Fill(read.Path, world) + (query.Length > 0 ? "?" + query : string.Empty);
            using var response = await ClientFor(url).GetAsync(url);
            all[url] = $"{(int)response.StatusCode} {(response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : string.Empty)}";
        }

        return all;
    }

    /// <summary>A channel with a customer in a conversation, and a signed-in agent, for the paths to name.</summary>
    private async Task<World> WorldAsync(IReadOnlyList<ApiOperation> reads)
    {
        var channel = await new Admin(system).ChannelWithWebhookAsync(system.Connector.HookUrl("every-write"));
        var (service, connector) = (channel.Service, channel.ConnectorId);
        _connector = channel.Connector;
        var accepted = await PostAsync("/api/connector/messages", new
        {
            serviceIdentifier = service,
            customerChannelIdentifier = NewPhone(),
            connectorMessageId = Guid.NewGuid().ToString("N"),
            text = "Hello",
        });
        var agent = "every-write-" + Guid.NewGuid().ToString("N")[..8];
        _agent = await system.UserAsync(agent, "agent");
        _visitor = await system.VisitorAsync((await new Admin(system).WebChatChannelAsync()).Service);
        // A channel type no channel has: the agent is never offered a task, so it keeps still.
        await PostAsync($"/api/agents/{agent}/sign-in", new { name = "Every write", capacity = new Dictionary<string, int> { ["EVERY_WRITE"] = 1 } });
        var world = new World(
            await GetAsync($"/api/admin/channel-connectors/{connector}", "channelTypeCode"),
            await GetAsync($"/api/admin/channel-connectors/{connector}", "providerId"),
            connector,
            service,
            accepted.GetProperty("customerId").GetString()!,
            accepted.GetProperty("conversationId").GetString()!,
            accepted.GetProperty("channelSessionId").GetString()!,
            agent,
            NewPhone(),
            _visitor.Service);

        // The greeting's delivery is recorded a moment later; read back only once everything has settled.
        var last = await ReadBackAsync(reads, world);
        await Eventually.MatchesAsync(
            async () => (Previous: last, Now: last = await ReadBackAsync(reads, world)),
            r => r.Previous.Count == r.Now.Count && r.Previous.All(p => r.Now[p.Key] == p.Value),
            "two read-backs in a row to be the same");
        return world;
    }

    private async Task<string> GetAsync(string path, string property) =>
        (await ClientFor(path).GetFromJsonAsync<JsonElement>(path)).GetProperty(property).GetString()!;

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await ClientFor(path).PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Fill(string template, World world) =>
        Regex.Replace(template, "{(?<name>[^}]+)}", m => Uri.EscapeDataString(ParameterValue(template, m.Groups["name"].Value, world)));

    /// <summary>
    /// .NET names a problem must not show: namespaces, and the document's schema names made of several words
    /// (ChannelType, InboundMessageRequest), which are .NET type names; one-word ones (Channel) are plain English.
    /// </summary>
    private static Regex TypeNameLeak(ApiDocument document)
    {
        var compound = document.SchemaNames.Where(n => Regex.IsMatch(n, "^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$")).Select(Regex.Escape);
        return new Regex($@"\b(?:(?:System|Microsoft|Conversations)\.\w+|{string.Join('|', compound)})\b");
    }

    private static string NewPhone() => "+49160" + Random.Shared.Next(1_000_000, 9_999_999);

    private static string? Text(JsonElement problem, string property) =>
        problem.TryGetProperty(property, out var value) ? value.GetString() : null;

    private static string Shorten(string text) => text.Length <= Shown ? text : text[..Shown] + "...";

    private sealed record World(
        string ChannelType,
        string Provider,
        string Connector,
        string Service,
        string Customer,
        string Conversation,
        string Session,
        string Agent,
        string UnknownPhone,
        string WebChat);
}
