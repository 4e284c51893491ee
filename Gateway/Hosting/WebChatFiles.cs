using Microsoft.Extensions.FileProviders;

namespace Conversations.Gateway.Hosting;

/// <summary>
/// The web chat's browser files (<c>wwwroot/webchat</c>): the embeddable widget, its style and the hosted chat page.
/// They are embedded in the gateway's assembly, so every host of it (published, <c>dotnet run</c>, tests) serves the
/// same files whatever its content root. Public by nature, as any page's script: they hold no data.
/// </summary>
public static class WebChatFiles
{
    public const string RequestPath = "/webchat";
    public const string HostedPage = "/chat.html";

    /// <summary>
    /// The hosted page loads only the gateway's own script and style and talks only to the gateway; any page may frame it.
    /// </summary>
    public const string HostedPagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    public static void UseWebChatFiles(this WebApplication app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = RequestPath,
            FileProvider = new EmbeddedFileProvider(typeof(WebChatFiles).Assembly, "Conversations.Gateway.wwwroot.webchat"),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                // Short, so a new release reaches sites that embed the widget within minutes.
                headers.CacheControl = "public, max-age=300";
                if (context.File.Name == HostedPage.TrimStart('/'))
                {
                    headers.ContentSecurityPolicy = HostedPagePolicy;
                }
            },
        });
}
