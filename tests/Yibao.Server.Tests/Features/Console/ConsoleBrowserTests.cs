using Microsoft.Playwright;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Console;

/// <summary>
/// Agency staff in a real browser (Debian's Chromium, driven by Playwright) on the console: sign-in
/// with the staff cookie, the dashboard's figures and charts, the audit desk for the role that may
/// open it and the refusal for one that may not, sign-out.
/// </summary>
[Collection(Yibao.Server.Tests.Features.Console.ConsoleBrowser.Collection)]
public sealed class ConsoleBrowserTests
{
        [Fact]
    public async Task Console_AuditStaff_SeeTheDashboardAndWhoReadAPersonsRecord()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:PaymentSweepSeconds"] = "0" }, kestrel: true);
        var hospital = server.InstitutionClient("H33010000001");
        for (var i = 0; i < 3; i++)
        {
            var visit = await hospital.RegisterAsync("3301000000000001", "H33010000001");
            await hospital.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 28));
            await (await hospital.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);
        }

        var resident = await hospital.RegisterAsync("3301000000000003", "H33010000001"); // no personal account: the fund pays its share
        await hospital.UploadAsync(resident, Api.Line("XC08CAA001A001", 1.85m, 500));
        await (await hospital.SendAsync(HttpMethod.Post, $"/api/visits/{resident}/settlement", new { })).JsonAsync(201);
        await hospital.PersonAsync("3301000000000001");
        await using var browser = await ConsoleBrowser.OpenAsync(server, 1280, 900);
        var page = browser.Page;

        await page.GotoAsync("/console");
        await page.ArriveAtAsync("**/console/sign-in?ReturnUrl=%2Fconsole");
        await ConsoleBrowser.SignInAsync(page, "demo.audit");
        await page.ArriveAtAsync("**/console");

        Assert.Equal("4", await page.TextContentAsync("#total-count"));
        Assert.NotEqual("0.00", await page.TextContentAsync("#total-fund"));
        Assert.True(await page.Locator("#chart-per-day svg").CountAsync() >= 2);
        Assert.Equal(1, await page.Locator("#chart-channels svg").CountAsync());
        Assert.Equal("demo.audit", await page.TextContentAsync("#signed-in-as"));
        Assert.Contains("local", await page.TextContentAsync("#cross-region"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#chart-levels svg").CountAsync());

        await page.ClickAsync("#nav-audit");
        await page.ArriveAtAsync("**/console/audit");
        await page.FillAsync("#whom", "3301000000000001");
        await page.ClickAsync("#search-access");
        var row = await page.Locator("#access-records tbody tr").First.TextContentAsync();
        Assert.Contains("H33010000001", row, StringComparison.Ordinal);
        Assert.Contains("native", row, StringComparison.Ordinal);
        Assert.True(await page.Locator("#audit-log tbody tr").CountAsync() > 0);

        // The settlements explorer: filter by ID number (shown masked), open one, export the search.
        await page.ClickAsync("#nav-settlements");
        await page.ArriveAtAsync("**/console/settlements");
        Assert.Equal(4, await page.Locator("#settlements tbody tr").CountAsync());
        await page.FillAsync("input[name=certno]", "330106196803140013");
        await page.ClickAsync("#search-settlements");
        Assert.Equal(3, await page.Locator("#settlements tbody tr").CountAsync());
        Assert.Contains("3301**********0013", await page.Locator("#settlements tbody tr").First.TextContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("330106196803140013", await page.Locator("#settlements").TextContentAsync(), StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var csv = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).TrimEnd().Split('\n');
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // a byte-order mark, for spreadsheets
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("setl_id,settled_at", csv[0], StringComparison.Ordinal);
        Assert.All(csv[1..], line => Assert.Contains(",3301**********0013,", line, StringComparison.Ordinal));
        await page.Locator("#settlements tbody tr a").First.ClickAsync();
        await page.ArriveAtAsync("**/console/settlements/ST*");
        Assert.Equal("settled", await page.TextContentAsync("#setl-status"));
        Assert.Equal(1, await page.Locator("#setl-lines tbody tr").CountAsync());
        Assert.Contains("settlement.settle", await page.TextContentAsync("#setl-history"), StringComparison.Ordinal);

        await page.ClickAsync("#sign-out");
        await page.ArriveAtAsync("**/console/sign-in");
        await page.GotoAsync("/console/audit");
        await page.ArriveAtAsync("**/console/sign-in?ReturnUrl=*");
    }

    [Fact]
    public async Task Console_DemoHistory_TheDashboardShowsAMonthOfIt()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:PaymentSweepSeconds"] = "0", ["Yibao:DemoHistoryMonths"] = "1" }, kestrel: true);
        await using var browser = await ConsoleBrowser.OpenAsync(server, 1280, 900);
        var page = browser.Page;
        await page.GotoAsync("/console/sign-in");
        await ConsoleBrowser.SignInAsync(page, "demo.policy");
        await page.ArriveAtAsync("**/console");

        Assert.True(int.Parse((await page.TextContentAsync("#total-count"))!, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) > 1000);
        Assert.Equal(2, await page.Locator("#chart-channels svg").CountAsync() + await page.Locator("#chart-levels svg").CountAsync());
        Assert.Contains("local", await page.TextContentAsync("#cross-region"), StringComparison.Ordinal);
        // YIBAO_SCREENSHOTS=docs/screenshots keeps the README's picture up to date.
        var shots = Environment.GetEnvironmentVariable("YIBAO_SCREENSHOTS");
        await page.ScreenshotAsync(new() { Path = shots is null ? TestRun.File("console-dashboard", ".png") : Path.Combine(shots, "console-dashboard.png"), FullPage = true });
    }

    [Fact]
    public async Task Console_PolicyStaff_AreRefusedTheAuditAndDesignationDesksAndAWrongPasswordIsSaid()
    {
        await using var server = await YibaoServer.StartAsync(kestrel: true);
        await using var browser = await ConsoleBrowser.OpenAsync(server, 1024, 768);
        var page = browser.Page;

        await page.GotoAsync("/console/sign-in");
        await page.FillAsync("#user-name", "demo.policy");
        await page.FillAsync("#password", "Wrong-password-1");
        await page.ClickAsync("#sign-in");
        Assert.Contains("Wrong user name", await page.TextContentAsync("#sign-in-error"), StringComparison.Ordinal);

        await ConsoleBrowser.SignInAsync(page, "demo.policy");
        await page.ArriveAtAsync("**/console");
        Assert.Equal(0, await page.Locator("#nav-audit").CountAsync());
        foreach (var path in new[] { "/console/audit", "/console/settlements", "/console/settlements/ST1", "/console/institutions", "/console/institutions/H33010000001" })
        {
            await page.GotoAsync(path);
            await page.ArriveAtAsync("**/console/denied?ReturnUrl=*");
            Assert.True(await page.Locator("#denied").IsVisibleAsync(), path);
        }
    }

    [Fact]
    public async Task Console_DesignationStaff_SuspendAnInstitutionWithAReasonAndItsInternetHospitalFollows()
    {
        await using var server = await YibaoServer.StartAsync(kestrel: true);
        await using var browser = await ConsoleBrowser.OpenAsync(server, 1280, 900);
        var page = browser.Page;
        await page.GotoAsync("/console/sign-in?ReturnUrl=%2Fconsole%2Finstitutions");
        await ConsoleBrowser.SignInAsync(page, "demo.designation");
        await page.ArriveAtAsync("**/console/institutions");

        await page.FillAsync("#q", "H3301000000");
        await page.ClickAsync("#search-institutions");
        Assert.Equal(4, await page.Locator("#institutions tbody tr").CountAsync());
        await page.ClickAsync("text=H33010000001");
        await page.ArriveAtAsync("**/console/institutions/H33010000001");
        await page.SelectOptionAsync("#new-status", "suspended");
        await page.FillAsync("#reason", "on-site inspection");
        await page.ClickAsync("#change-status");

        Assert.Contains("suspended", await page.TextContentAsync("#status-message"), StringComparison.Ordinal);
        Assert.Equal("suspended", await page.TextContentAsync("#agreement-status"));
        Assert.Contains("suspended: on-site inspection", await page.TextContentAsync("#institution-history"), StringComparison.Ordinal);
        var refused = await server.InstitutionClient("H33010000001").SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = "3301000000000001", fixmedins_code = "H33010000001", med_type = "11" });
        Assert.Equal("institution_suspended", (await refused.JsonAsync(422)).GetProperty("code").GetString());
        await page.GotoAsync("/console/institutions/H33010000002");
        Assert.Equal("suspended", await page.TextContentAsync("#effective-status"));

        await page.GotoAsync("/console/institutions/H33010000001");
        Assert.Equal("suspended", await page.InputValueAsync("#new-status")); // the select shows the status in force
        await page.SelectOptionAsync("#new-status", "active");
        await page.ClickAsync("#change-status");
        Assert.Contains("reason", await page.TextContentAsync("#status-message"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("suspended", await page.TextContentAsync("#agreement-status"));

        // A new Internet+ agreement for the platform hospital: its services and diseases, in its history.
        await page.GotoAsync("/console/institutions/H33010000004");
        await page.CheckAsync("#service-pharmacy-clinic");
        await page.FillAsync("#agreement-diseases", "E11.9, I10");
        await page.ClickAsync("#sign-agreement");
        Assert.Contains("Signed", await page.TextContentAsync("#status-message"), StringComparison.Ordinal);
        var agreement = await page.TextContentAsync("#internet-agreement");
        Assert.Contains("pharmacyClinic", agreement, StringComparison.Ordinal);
        Assert.Contains("E11, I10", agreement, StringComparison.Ordinal);
        Assert.Contains("designation.agreement", await page.TextContentAsync("#institution-history"), StringComparison.Ordinal);
    }
}
