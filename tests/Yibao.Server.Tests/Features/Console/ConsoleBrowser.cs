using Microsoft.Playwright;

namespace Yibao.Server.Tests.Features.Console;

/// <summary>What the console's browser tests share: Debian's Chromium, and signing in as a demo staff member.</summary>
internal static class ConsoleBrowser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task SignInAsync(IPage page, string userName)
    {
        await page.FillAsync("#user-name", userName);
        await page.FillAsync("#password", Application.Staff.DemoStaff.Password);
        await page.ClickAsync("#sign-in");
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
}
