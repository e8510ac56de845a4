using Yibao.Server.Tests.Features.Console;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Filings;

/// <summary>A person files for treatment in Beijing on the phone (Debian's Chromium), sees it, is refused an overlapping one, and ends it.</summary>
public sealed class FilingBrowserTests
{
    [Fact]
    public async Task Phone_FileSeeAndEnd_ATemporaryFilingForBeijing()
    {
        await using var server = await YibaoServer.StartAsync(kestrel: true);
        await using var browser = await ConsoleBrowser.OpenAsync(server, 390, 844);
        var phone = browser.Page;
        await phone.GotoAsync("/me/sign-in");
        await phone.FillAsync("input[name=certno]", "330106196803140013");
        await phone.FillAsync("input[name=code]", "888888");
        await phone.ClickAsync("button[type=submit]");
        await phone.WaitForURLAsync("**/me/certificate");

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
        await phone.WaitForURLAsync("**/me/filings");
        Assert.Contains("ended", await phone.TextContentAsync("section[data-filing] .filing-state"), StringComparison.Ordinal);
    }
}
