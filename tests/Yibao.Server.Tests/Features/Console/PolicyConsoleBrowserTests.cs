using Microsoft.Playwright;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Console;

/// <summary>
/// Policy officers in a real browser: a draft from the policy in force, edited and compared, a
/// what-if run over the settlements made (its progress, its report and charts, its CSV), the draft
/// published as the next revision, the parity page; and designation staff refused all of it.
/// </summary>
[Collection(Yibao.Server.Tests.Features.Console.ConsoleBrowser.Collection)]
public sealed class PolicyConsoleBrowserTests
{
    [Fact]
    public async Task Console_PolicyStaff_DraftSimulateAndPublishAPolicy()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:PaymentSweepSeconds"] = "0" }, kestrel: true);
        var hospital = server.InstitutionClient("H33010000001");
        for (var i = 0; i < 3; i++)
        {
            var visit = await hospital.RegisterAsync("3301000000000001", "H33010000001");
            await hospital.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 500));
            await (await hospital.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);
        }

        await using var browser = await ConsoleBrowser.OpenAsync(server, 1280, 900);
        var page = browser.Page;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>(); // every page's stylesheet loads, deep pages too
        page.Response += (_, r) => log.Enqueue($"{r.Status} {r.Url}");
        page.RequestFailed += (_, r) => log.Enqueue($"FAILED {r.Url} {r.Failure}");
        await page.GotoAsync("/console/sign-in?ReturnUrl=%2Fconsole%2Fpolicies");
        await ConsoleBrowser.SignInAsync(page, "demo.policy");
        await page.ArriveAtAsync("**/console/policies");

        Assert.Contains("330100", await page.TextContentAsync("#policies"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#draft-policy", "330100/310/2026");
        await page.ClickAsync("#new-draft");
        await page.ArriveAtAsync("**/console/policies/drafts/*");
        Assert.Contains("0 ", await page.TextContentAsync("#diff-summary"), StringComparison.Ordinal);

        // Lower the outpatient deductible at every level; the engine's validation refuses a ratio above 1 first.
        var ratio = page.Locator("#benefit-outpatient td.levels").Nth(1).Locator("input").First;
        await ratio.FillAsync("1.5");
        await page.ClickAsync("#save-draft");
        Assert.Contains("invalid_policy", await page.TextContentAsync("#draft-message"), StringComparison.Ordinal);
        Assert.Equal("1.5", await page.Locator("#benefit-outpatient td.levels").Nth(1).Locator("input").First.InputValueAsync());
        await page.Locator("#benefit-outpatient td.levels").Nth(1).Locator("input").First.FillAsync("0.8");
        var deductibles = page.Locator("#benefit-outpatient td.levels").First.Locator("input");
        for (var level = 0; level < 3; level++)
        {
            await deductibles.Nth(level).FillAsync("100");
        }

        await page.ClickAsync("#save-draft");
        Assert.Contains("Saved", await page.TextContentAsync("#draft-message"), StringComparison.Ordinal);
        var changed = string.Join('|', await page.Locator("#policy-diff tr.changed").AllTextContentsAsync());
        Assert.True((await page.TextContentAsync("#diff-summary"))!.StartsWith("3 ", StringComparison.Ordinal), changed);
        Assert.Contains("outpatient.deductible.amount.3", changed, StringComparison.Ordinal);

        await page.ClickAsync("#simulate");
        await page.ArriveAtAsync("**/console/simulations/*");
        await page.Locator("#fund-after").WaitForAsync(new() { Timeout = 60_000 }); // the page refreshes itself until the run is done
        Assert.DoesNotContain(log, line => line.StartsWith("FAILED", StringComparison.Ordinal) || line.StartsWith('4') && !line.EndsWith("/drafts/1", StringComparison.Ordinal));
        Assert.StartsWith("+", await page.TextContentAsync("#fund-change"), StringComparison.Ordinal);
        Assert.Contains("3 ", await page.TextContentAsync("#simulation-summary"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#most-affected tbody tr").CountAsync());
        Assert.True(await page.Locator("#histogram svg").CountAsync() >= 1);
        var shots = Environment.GetEnvironmentVariable("YIBAO_SCREENSHOTS");
        await page.ScreenshotAsync(new() { Path = shots is null ? TestRun.File("console-simulator", ".png") : Path.Combine(shots, "console-simulator.png"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-simulation"));
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var csv = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("group,key,settlements,fund_before", csv, StringComparison.Ordinal);
        Assert.Contains("\n3301000000000001,employee,3,", csv, StringComparison.Ordinal);

        await page.GotoAsync((await page.GetAttributeAsync("a:has-text('Draft #')", "href"))!);
        await page.ClickAsync("#publish-draft");
        Assert.Contains("revision 2", await page.TextContentAsync("#draft-message"), StringComparison.Ordinal);
        Assert.Contains("published", await page.TextContentAsync("#draft-status"), StringComparison.Ordinal);
        await page.GotoAsync("/console/policies/330100/310/2026");
        Assert.Equal(2, await page.Locator("#revisions tbody tr").CountAsync());
        Assert.StartsWith("3 ", await page.TextContentAsync("#diff-summary"), StringComparison.Ordinal);

        await page.ClickAsync("#nav-parity");
        await page.ArriveAtAsync("**/console/parity");
        Assert.Contains("offline", await page.TextContentAsync("#parity"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#chart-parity svg").CountAsync() >= 1);
    }

    [Fact]
    public async Task Console_PolicyStaff_CompareCatalogueVersionsAndReadThePriceList()
    {
        await using var server = await YibaoServer.StartAsync(kestrel: true);
        var policy = await server.StaffClientAsync(Application.Staff.StaffRoles.Policy);
        // Version 2: amlodipine moves to class B, the supplement goes, a new drug comes.
        var entries = System.Text.Json.Nodes.JsonNode.Parse(Application.Reference.DemoWorld.Read("catalogue-330100.json"))!.AsArray();
        var amlodipine = entries.First(e => (string?)e!["code"] == "XC08CAA001A001")!;
        amlodipine["class"] = "B";
        amlodipine["selfpayProp"] = 0.1;
        entries.Remove(entries.First(e => (string?)e!["code"] == "ZZ0001"));
        entries.Add(new System.Text.Json.Nodes.JsonObject { ["code"] = "XN02BEA001A001", ["name"] = "Paracetamol tablets 0.5g", ["kind"] = "drug", ["class"] = "A", ["selfpayProp"] = 0 });
        await (await policy.SendAsync(HttpMethod.Put, "/api/admin/catalogues/330100", entries.ToJsonString())).JsonAsync(200);
        await using var browser = await ConsoleBrowser.OpenAsync(server, 1280, 900);
        var page = browser.Page;
        await page.GotoAsync("/console/sign-in?ReturnUrl=%2Fconsole%2Fcatalogues");
        await ConsoleBrowser.SignInAsync(page, "demo.policy");
        await page.ArriveAtAsync("**/console/catalogues");

        Assert.Equal(2, await page.Locator("#catalogue-versions tbody tr").CountAsync());
        Assert.Contains("1 新增 added · 1 删除 removed · 1 变更 changed", await page.TextContentAsync("#catalogue-summary"), StringComparison.Ordinal);
        Assert.Contains("XN02BEA001A001", await page.Locator("#catalogue-diff tr.added").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("ZZ0001", await page.Locator("#catalogue-diff tr.removed").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("B · selfpay 0.1", await page.Locator("#catalogue-diff tr.changed").TextContentAsync(), StringComparison.Ordinal);
        var followUp = await page.Locator("#price-list tr", new() { HasText = "111100001" }).First.TextContentAsync();
        Assert.Contains("follows", followUp, StringComparison.Ordinal);

        // Version 3 from a file uploaded here, imported in the background with a bad record skipped.
        await page.SetInputFilesAsync("#catalogue-file", new FilePayload { Name = "catalogue.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes("code,name,kind,class,selfpay_prop,price_cap\nXC08CAA001A001,Amlodipine,drug,A,0,\nBAD001,Broken,drug,D,0,\n") });
        await page.CheckAsync("#skip-bad");
        await page.ClickAsync("#import-catalogue");
        await page.ArriveAtAsync("**/console/catalogues/imports/*");
        await page.Locator("#import-outcome").WaitForAsync(new() { Timeout = 30_000 }); // the page refreshes itself until the import ends
        Assert.Contains("Published version 3", await page.TextContentAsync("#import-outcome"), StringComparison.Ordinal);
        Assert.StartsWith("line 3:", await page.TextContentAsync("#import-problems"), StringComparison.Ordinal);
        await page.ClickAsync("text=Compare with the previous version");
        Assert.Contains("v2 → v3", await page.TextContentAsync("#catalogue-summary"), StringComparison.Ordinal);

        await page.SelectOptionAsync("#catalogue-area", "110100");
        await page.ClickAsync("#compare-catalogues");
        Assert.Equal(1, await page.Locator("#catalogue-versions tbody tr").CountAsync());
    }

    [Fact]
    public async Task Console_AdminOnATablet_OpensEveryDeskWithoutScrollingSideways()
    {
        await using var server = await YibaoServer.StartAsync(kestrel: true);
        await using var browser = await ConsoleBrowser.OpenAsync(server, 820, 1180);
        var page = browser.Page;
        await page.GotoAsync("/console/sign-in");
        await ConsoleBrowser.SignInAsync(page, "demo.admin");
        await page.ArriveAtAsync("**/console");

        string[] pages = ["/console", "/console/institutions", "/console/institutions/H33010000002", "/console/settlements", "/console/audit", "/console/policies", "/console/policies/330100/310/2026", "/console/catalogues", "/console/parity"];
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            Assert.EndsWith(path, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("#denied").CountAsync());
            var (scroll, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
            Assert.True(scroll <= width, $"{path} is {scroll} px wide in a {width} px window");
        }

        foreach (var nav in new[] { "#nav-institutions", "#nav-settlements", "#nav-audit", "#nav-policies", "#nav-catalogues", "#nav-parity" })
        {
            Assert.Equal(1, await page.Locator(nav).CountAsync());
        }
    }

    [Fact]
    public async Task Console_DesignationStaff_AreRefusedThePolicyDesk()
    {
        await using var server = await YibaoServer.StartAsync(kestrel: true);
        await using var browser = await ConsoleBrowser.OpenAsync(server, 1024, 768);
        var page = browser.Page;
        await page.GotoAsync("/console/sign-in");
        await ConsoleBrowser.SignInAsync(page, "demo.designation");
        await page.ArriveAtAsync("**/console");

        Assert.Equal(0, await page.Locator("#nav-policies").CountAsync());
        foreach (var path in new[] { "/console/policies", "/console/parity", "/console/catalogues", "/console/catalogues/imports/1", "/console/policies/drafts/1", "/console/simulations/1" })
        {
            await page.GotoAsync(path);
            await page.ArriveAtAsync("**/console/denied?ReturnUrl=*");
            Assert.True(await page.Locator("#denied").IsVisibleAsync(), path);
        }

        var csv = await page.APIRequest.GetAsync("/console/simulations/1.csv", new() { MaxRedirects = 0 });
        Assert.Equal(302, csv.Status);
    }
}
