using Microsoft.Extensions.FileProviders;

namespace Conversations.Gateway.Hosting;

/// <summary>
/// The gateway's browser files: the web chat (<c>wwwroot/webchat</c>: the embeddable widget, its style, the hosted
/// chat page) and the staff pages (<c>wwwroot/desk</c>, <c>console</c>, <c>admin</c>, sharing <c>wwwroot/staff</c>).
/// They are embedded in the gateway's assembly, so every host of it (published, <c>dotnet run</c>, tests) serves the
/// same files whatever its content root. Public by nature, as any page's script: they hold no data; what they show
/// comes from the API, with the caller's credentials.
/// </summary>
public static class BrowserFiles
{
    public const string WebChatPath = "/webchat";
    public const string HostedPage = "chat.html";
    public const string StaffPage = "index.html";

    /// <summary>The staff pages, each a folder with an <see cref="StaffPage"/>: the agent desk, the supervisor console, the admin pages.</summary>
    public static IReadOnlyList<string> StaffFolders { get; } = ["desk", "console", "admin"];

    /// <summary>
    /// The pages load only the gateway's own script and style and talk only to the gateway; the hosted chat may be
    /// framed by any page, the staff pages by none.
    /// </summary>
    public const string HostedPagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    public const string StaffPagePolicy = HostedPagePolicy + "; media-src 'self' data:; frame-ancestors 'none'";

    public static void UseBrowserFiles(this WebApplication app)
    {
        app.UseFolder(WebChatPath, "webchat", HostedPage, HostedPagePolicy);
        app.UseFolder("/staff", "staff", StaffPage, StaffPagePolicy);
        foreach (var folder in StaffFolders)
        {
            app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = $"/{folder}", FileProvider = Folder(folder) });
            app.UseFolder($"/{folder}", folder, StaffPage, StaffPagePolicy);
        }
    }

    private static void UseFolder(this WebApplication app, string requestPath, string folder, string page, string pagePolicy) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = requestPath,
            FileProvider = Folder(folder),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                // Short, so a new release reaches sites that embed the widget, and open pages, within minutes.
                headers.CacheControl = "public, max-age=300";
                if (context.File.Name == page)
                {
                    headers.ContentSecurityPolicy = pagePolicy;
                }
            },
        });

    private static EmbeddedFileProvider Folder(string folder) =>
        new(typeof(BrowserFiles).Assembly, $"Conversations.Gateway.wwwroot.{folder}");
}
