using System.Net.Http.Json;
using Conversations.GatewayTests.Foundation;
using Conversations.Testing;
using Microsoft.Playwright;
using static Conversations.GatewayTests.Foundation.DeskSteps;

namespace Conversations.GatewayTests.Browser;

/// <summary>
/// Staff pages (/desk/, /console/, /admin/) opened by new users of a role, each in a browser context of its own at
/// 1280×720 (so two agents can race), all closed when the test class is done.
/// </summary>
internal sealed class StaffBrowser(SystemFixture system, Chromium chromium) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>A new user with the role and display name, signed in on the page at <paramref name="path"/>.</summary>
    public async Task<StaffPage> SignInAsync(string path, string role, string displayName)
    {
        var (userId, password) = (role + "-" + Guid.NewGuid().ToString("N")[..8], ApiAccess.NewPassword());
        await SucceedAsync(system.Http.PostAsJsonAsync("/api/admin/users", new { id = userId, displayName, roles = new[] { role }, password }));
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(system.Anonymous.BaseAddress!, path).ToString());
        await page.GetByLabel("User id").FillAsync(userId);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return new StaffPage(page, userId, context);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }
}

/// <summary>A signed-in staff page, its user and its browser context (to take it offline).</summary>
internal sealed record StaffPage(IPage Page, string UserId, IBrowserContext Context);
