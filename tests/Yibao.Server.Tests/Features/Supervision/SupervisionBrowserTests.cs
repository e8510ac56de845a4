using Microsoft.Extensions.DependencyInjection;
using Yibao.Server.Tests.Features.Console;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Supervision;

/// <summary>
/// The agency's supervision in a real browser (Debian's Chromium): the policy desk loads the
/// knowledge on the rules page; after the event, the audit desk finds the finding in the queue, sees
/// its evidence and explanation, confirms it; another reviewer confirms it too; the institution
/// appeals through the native API; the decision claws back an amount at the next clearing.
/// </summary>
[Collection(Yibao.Server.Tests.Features.Console.ConsoleBrowser.Collection)]
public sealed class SupervisionBrowserTests
{
    private const string Hospital = "H33010000001";

    [Fact]
    public async Task Console_AFindingFromTheKnowledgeToTheDecision_ReviewedByTwoAndDecided()
    {
        await using var server = await YibaoServer.StartAsync(kestrel: true);
        var hospital = server.InstitutionClient(Hospital);
        var visit = await hospital.RegisterAsync("3301000000000001", Hospital);
        await hospital.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 28));
        await (await hospital.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);
        var shots = Environment.GetEnvironmentVariable("YIBAO_SCREENSHOTS");
        string Shot(string name) => shots is null ? TestRun.File(name, ".png") : Path.Combine(shots, name + ".png");

        // The policy desk loads the knowledge on the rules page.
        await using (var policy = await ConsoleBrowser.SignedInAsync(server, "demo.policy"))
        {
            var page = policy.Page;
            await page.GotoAsync("/console/supervision/knowledge?area=330100");
            await page.FillAsync("#knowledge-document", ReviewQueue.WomenOnlyAmlodipine);
            await page.ClickAsync("#load-knowledge");
            await page.WaitForSelectorAsync("#knowledge-message");
            Assert.Contains("version 1", await page.TextContentAsync("#knowledge-message"), StringComparison.Ordinal);
            Assert.Contains("POL001", await page.TextContentAsync("#rules"), StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Shot("console-supervision-rules"), FullPage = true });
        }

        // After the event: this month's claims judged, as the schedule or `yibao supervise` does.
        var run = await ReviewQueue.JudgeAsync(server);
        Assert.True(run.Raised >= 1);

        await using var audit = await ConsoleBrowser.SignedInAsync(server, "demo.audit");
        var desk = audit.Page;
        await desk.ClickAsync("#nav-supervision");
        await desk.ArriveAtAsync("**/console/supervision");
        Assert.Contains("POL001", await desk.TextContentAsync("#findings"), StringComparison.Ordinal);
        Assert.True(await desk.Locator("#rule-chart svg").CountAsync() > 0);
        await desk.ScreenshotAsync(new() { Path = Shot("console-supervision-queue"), FullPage = true });
        await desk.ClickAsync("#findings a");
        await desk.ArriveAtAsync("**/console/supervision/findings/**");
        var findingUrl = desk.Url;
        Assert.Contains("XC08CAA001A001", await desk.TextContentAsync("#evidence"), StringComparison.Ordinal);
        Assert.Contains("51.80", await desk.TextContentAsync("#finding-amount"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await desk.TextContentAsync("#rule-explanation")));
        await desk.FillAsync("#review-opinion", "a man's claim for a drug restricted to women");
        await desk.ClickAsync("#submit-review");
        await desk.WaitForSelectorAsync("#review-message");
        Assert.Contains("second_review", await desk.TextContentAsync("#finding-step"), StringComparison.Ordinal);
        await desk.FillAsync("#review-opinion", "and again");
        await desk.ClickAsync("#submit-review");
        await desk.WaitForSelectorAsync("#review-message");
        Assert.Contains("review_same_reviewer", await desk.TextContentAsync("#review-message"), StringComparison.Ordinal);

        await using var second = await ConsoleBrowser.SignedInAsync(server, "demo.admin");
        var other = second.Page;
        await other.GotoAsync(findingUrl);
        await other.FillAsync("#review-opinion", "agreed");
        await other.ClickAsync("#submit-review");
        await other.WaitForSelectorAsync("#review-message");
        Assert.Contains("appeal", await other.TextContentAsync("#finding-step"), StringComparison.Ordinal);

        // The institution appeals; the audit desk decides.
        var jrId = findingUrl[(findingUrl.LastIndexOf('/') + 1)..];
        await (await hospital.SendAsync(HttpMethod.Post, $"/api/supervision/findings/{jrId}/answer", new { action = "appeal", reason = "prescribed for his wife" })).JsonAsync(200);
        await desk.GotoAsync(findingUrl);
        await desk.FillAsync("#decision-amount", "30");
        await desk.FillAsync("#decision-opinion", "billed to the wrong person");
        await desk.ClickAsync("#submit-decision");
        await desk.WaitForSelectorAsync("#deduction");
        Assert.Contains("30.00", await desk.TextContentAsync("#deduction"), StringComparison.Ordinal);
        var history = await desk.TextContentAsync("#review-history");
        Assert.Contains("prescribed for his wife", history, StringComparison.Ordinal);
        Assert.Contains("staff:demo.admin", history, StringComparison.Ordinal);
        await desk.ScreenshotAsync(new() { Path = Shot("console-finding"), FullPage = true });
    }
}
