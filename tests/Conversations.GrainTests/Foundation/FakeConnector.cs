using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Conversations.GrainTests.Foundation;

/// <summary>
/// A connector's webhook in memory, for an <c>OutboundDelivery</c> a test builds itself: records the message id of every
/// POST and whether it was taken; while <see cref="Down"/> it answers 503.
/// </summary>
public sealed class FakeConnector : HttpMessageHandler, IHttpClientFactory
{
    private readonly ConcurrentQueue<(string MessageId, bool Taken)> _posts = new();
    private volatile bool _down;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    public IReadOnlyList<(string MessageId, bool Taken)> PostsOf(string conversationId) =>
        [.. _posts.Where(p => p.MessageId.StartsWith(conversationId + ":", StringComparison.Ordinal))];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var body = JsonDocument.Parse(await request.Content!.ReadAsByteArrayAsync(cancellationToken));
        var down = _down;
        _posts.Enqueue((body.RootElement.GetProperty("messageId").GetString()!, !down));
        return new HttpResponseMessage(down ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
    }
}
