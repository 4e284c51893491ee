using Microsoft.Playwright;

namespace Conversations.GatewayTests.Browser;

/// <summary>
/// Debian's Chromium (test.sh installs it when missing), headless, driven by Playwright; Playwright's own browser
/// download is never used. One browser for a test class; each test opens its own context (storage, network state).
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"The browser tests drive {ExecutablePath}; install it with: apt-get install -y chromium (test.sh does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
