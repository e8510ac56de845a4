using Microsoft.Playwright;

namespace Yibao.Server.Tests.Features.Console;

/// <summary>What the console's browser tests share: Debian's Chromium, and signing in as a demo staff member.</summary>
internal static class ConsoleBrowser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The browser tests' collection: one at a time, for two Chromiums at once on two cores make their waits time out.</summary>
    public const string Collection = "browser";

    public static async Task SignInAsync(IPage page, string userName)
    {
        await page.FillAsync("#user-name", userName);
        await page.FillAsync("#password", Application.Staff.DemoStaff.Password);
        await page.ClickAsync("#sign-in");
    }

    /// <summary>A phone-sized browser on the person's certificate page, signed in with their ID number and the demo code.</summary>
    public static async Task<ConsoleSession> PhoneSignedInAsync(Testing.YibaoServer server, string certno)
    {
        var session = await OpenAsync(server, 390, 844);
        var phone = session.Page;
        await phone.GotoAsync("/me/sign-in");
        await phone.FillAsync("input[name=certno]", certno);
        await phone.FillAsync("input[name=code]", Application.ECertificates.DemoPersonSignIn.DemoCode);
        await phone.ClickAsync("button[type=submit]");
        await phone.ArriveAtAsync("**/me/certificate");
        return session;
    }

    /// <summary>A browser on the console's dashboard, signed in as the demo staff member.</summary>
    public static async Task<ConsoleSession> SignedInAsync(Testing.YibaoServer server, string userName)
    {
        var session = await OpenAsync(server);
        await session.Page.GotoAsync("/console/sign-in");
        await SignInAsync(session.Page, userName);
        await session.Page.ArriveAtAsync("**/console");
        return session;
    }

    /// <summary>Debian's Chromium on a page of the server, in a window of the size given.</summary>
    public static async Task<ConsoleSession> OpenAsync(Testing.YibaoServer server, int width = 1280, int height = 900)
    {
        ArgumentNullException.ThrowIfNull(server);
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (.ci/run does).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { BaseURL = server.CreateClient().BaseAddress!.ToString(), ViewportSize = new() { Width = width, Height = height } });
        return new ConsoleSession(playwright, browser, page);
    }
}

/// <summary>A browser on the console; disposing closes it.</summary>
internal sealed class ConsoleSession(IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
