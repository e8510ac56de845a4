using Yibao.Server.Tests.Features.Console;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Clearing;

/// <summary>The finance desk in Chromium: tops up Hangzhou's advance, clears November, confirms both areas, and the month closes.</summary>
[Collection(ConsoleBrowser.Collection)]
public sealed class ClearingBrowserTests
{
    private const string ZhangWei = "3301000000000001";
    private const string BeijingHospital = "H11010000001";

    [Fact]
    public async Task Console_TheFinanceDesk_ClearsAndClosesAMonth()
    {
        await using var server = await YibaoServer.StartAsync(kestrel: true);
        var beijing = server.InstitutionClient(BeijingHospital);
        var visit = await beijing.RegisterAsync(ZhangWei, BeijingHospital);
        await beijing.UploadAsync(visit, Api.Line("XC08CAA001A001", 2.5m, 4));
        await (await beijing.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);
        server.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        await using var session = await ConsoleBrowser.SignedInAsync(server, "demo.clearing");
        var page = session.Page;

        await page.ClickAsync("#nav-advance-funds");
        await page.SelectOptionAsync("#advance-area", "330100");
        await page.FillAsync("#advance-change", "1000");
        await page.FillAsync("#advance-reason", "annual advance");
        await page.ClickAsync("#submit-advance");
        await page.WaitForSelectorAsync("#advance-message:has-text('Saved')");
        Assert.Contains("1,000.00", await page.TextContentAsync("#advance-330100 .advance-amount"), StringComparison.Ordinal);

        await page.ClickAsync("#nav-clearing");
        await page.FillAsync("#run-month", "2026-11");
        await page.ClickAsync("#run-clearing");
        await page.WaitForSelectorAsync("#clearing-message:has-text('Computed')");
        Assert.Equal("draft", await page.TextContentAsync("#statement-status"));
        Assert.Equal(1, await page.Locator("#clearing-pairs tbody tr").CountAsync());
        Assert.True(await page.Locator(".mud-chart svg").CountAsync() >= 2, "the net positions' and the pairs' charts");
        var net = await page.TextContentAsync("#area-330100 .area-net");
        Assert.Equal(await page.TextContentAsync("#clearing-pairs .pair-amount"), net);
        await page.ClickAsync("#area-330100 .confirm-area");
        await page.WaitForSelectorAsync("#clearing-message:has-text('Confirmed 330100')");
        Assert.Equal("confirming", await page.TextContentAsync("#statement-status"));
        await page.ClickAsync("#area-110100 .confirm-area");
        await page.WaitForSelectorAsync("#clearing-message:has-text('Confirmed 110100')");
        Assert.Equal("closed", await page.TextContentAsync("#statement-status"));
        Assert.Equal(0, await page.Locator(".confirm-area").CountAsync());
        var shots = Environment.GetEnvironmentVariable("YIBAO_SCREENSHOTS");
        await page.ScreenshotAsync(new() { Path = shots is null ? TestRun.File("console-clearing", ".png") : Path.Combine(shots, "console-clearing.png"), FullPage = true });

        await page.FillAsync("#run-month", "2026-11");
        await page.ClickAsync("#run-clearing");
        await page.WaitForSelectorAsync("#clearing-message:has-text('clearing_confirmed')");
        var pdf = await page.Context.APIRequest.GetAsync(await page.GetAttributeAsync("#export-pdf", "href") is { } href ? new Uri(new Uri(page.Url), href).ToString() : "");
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("application/pdf", pdf.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("clearing-2026-11.pdf", pdf.Headers["content-disposition"], StringComparison.Ordinal);
    }
}
