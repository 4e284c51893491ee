using Conversations.Testing;
using Microsoft.Playwright;

namespace Conversations.GatewayTests.Browser;

/// <summary>
/// The README's pictures of the pages, taken by the browser tests as they run, so they show the pages as they are:
/// saved into <c>docs/images</c> of the checkout the tests run from.
/// </summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string fileName)
    {
        var folder = Path.Combine(HostAssemblies.RepositoryRoot, "docs", "images");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, fileName), FullPage = true });
    }
}
