using Yibao.Server.Tests.Features.Console;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Filings;

/// <summary>A person files for treatment in Beijing on the phone (Debian's Chromium), sees it, is refused an overlapping one, and ends it.</summary>
[Collection(Yibao.Server.Tests.Features.Console.ConsoleBrowser.Collection)]
public sealed class FilingBrowserTests
{
    [Fact]
    public async Task Phone_FileSeeAndEnd_ATemporaryFilingForBeijing()
    {
        await using var server = await YibaoServer.StartAsync(kestrel: true);
        await using var browser = await ConsoleBrowser.PhoneSignedInAsync(server, "330106196803140013");
        var phone = browser.Page;

        await phone.GotoAsync("/me/filings");
        Assert.Contains("No filings yet", await phone.ContentAsync(), StringComparison.Ordinal);
        await phone.SelectOptionAsync("#filing-type", "temporaryFiled");
        await phone.SelectOptionAsync("#filing-reason", "referral");
        await phone.SelectOptionAsync("#filing-place", "110100");
        await phone.ClickAsync("#submit-filing");
        await phone.WaitForSelectorAsync("section[data-filing]");
        Assert.Contains("active", await phone.TextContentAsync("section[data-filing] .filing-state"), StringComparison.Ordinal);
        await phone.SelectOptionAsync("#filing-type", "longTerm");
        await phone.SelectOptionAsync("#filing-reason", "retiree");
        await phone.SelectOptionAsync("#filing-place", "110000");
        await phone.ClickAsync("#submit-filing");
        await phone.WaitForSelectorAsync("#filing-error");
        Assert.Contains("filing_overlaps", await phone.TextContentAsync("#filing-error"), StringComparison.Ordinal);
        var shots = Environment.GetEnvironmentVariable("YIBAO_SCREENSHOTS");
        await phone.ScreenshotAsync(new() { Path = shots is null ? TestRun.File("phone-filing", ".png") : Path.Combine(shots, "phone-filing.png"), FullPage = true });

        await phone.ClickAsync("section[data-filing] .end-filing");
        await phone.WaitForSelectorAsync("section[data-filing].cancelled");
        Assert.Contains("ended", await phone.TextContentAsync("section[data-filing] .filing-state"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_TheCounter_FilesAndEndsForAPerson()
    {
        await using var server = await YibaoServer.StartAsync(kestrel: true);
        await using var session = await ConsoleBrowser.SignedInAsync(server, "demo.admin");
        var page = session.Page;

        await page.ClickAsync("#nav-filings");
        await page.FillAsync("#filing-psn-no", "3301000000000001");
        await page.ClickAsync("#find-filings");
        await page.WaitForSelectorAsync("#filings");
        await page.SelectOptionAsync("#filing-type", "longTerm");
        await page.SelectOptionAsync("#filing-reason", "posted");
        await page.SelectOptionAsync("#filing-place", "110100");
        await page.ClickAsync("#submit-filing");
        await page.WaitForSelectorAsync("#filing-message:has-text('Filed')");
        Assert.Contains("longTerm 110100", await page.TextContentAsync("#filing-message"), StringComparison.Ordinal);
        Assert.Contains("active", await page.TextContentAsync("#filings .filing-state"), StringComparison.Ordinal);
        await page.ClickAsync("#filings .end-filing");
        await page.WaitForSelectorAsync("#filing-message:has-text('Ended')");
        Assert.Contains("Ended", await page.TextContentAsync("#filing-message"), StringComparison.Ordinal);
        Assert.Contains("ended", await page.TextContentAsync("#filings .filing-state"), StringComparison.Ordinal);
        var shots = Environment.GetEnvironmentVariable("YIBAO_SCREENSHOTS");
        await page.ScreenshotAsync(new() { Path = shots is null ? TestRun.File("console-filing", ".png") : Path.Combine(shots, "console-filing.png"), FullPage = true });
    }
}
