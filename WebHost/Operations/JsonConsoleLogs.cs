using Microsoft.Extensions.Logging;

namespace Conversations.WebHost.Operations;

public static class JsonConsoleLogs
{
    /// <summary>
    /// One JSON object per line, scopes included (conversation and customer ids), for a log collector to index.
    /// It replaces the console's text format; the configured levels stay as they are.
    /// </summary>
    public static ILoggingBuilder AddJsonConsoleLogs(this ILoggingBuilder logging) =>
        logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
}
