namespace Conversations.Gateway.Streaming;

/// <summary>
/// Writing server-sent events: each event is flushed at once so the browser sees it now, and carries the cursor as its
/// id, which EventSource sends back as Last-Event-ID when it reconnects.
/// </summary>
public static class ServerSentEvents
{
    /// <summary>Where a client resumes: EventSource's reconnect sends Last-Event-ID; a newly opened stream passes <c>?after=</c>.</summary>
    public static string? ResumeFrom(HttpRequest request) =>
        request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["after"].FirstOrDefault();

    public static async Task StartAsync(HttpContext http)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    public static async Task WriteAsync(HttpContext http, string id, string eventName, string json)
    {
        await http.Response.WriteAsync($"id: {id}\nevent: {eventName}\ndata: {json}\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    /// <summary>A comment line: keeps proxies from closing an idle stream and lets a dead connection surface.</summary>
    public static async Task KeepAliveAsync(HttpContext http, DateTimeOffset now)
    {
        await http.Response.WriteAsync($": keep-alive {now:O}\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
