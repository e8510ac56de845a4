using Yibao.Server.Tests.Features.Console;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Federation;

/// <summary>An operator of the Beijing node in Chromium: the node's role, its hub, and a settlement for Hangzhou waiting for its outcome.</summary>
[Collection(ConsoleBrowser.Collection)]
public sealed class FederationBrowserTests
{
    [Fact]
    public async Task Console_NodeOperator_SeesItsPeersAndTheEntriesAwaitingTheirOutcome()
    {
        await using var world = await FederatedWorld.StartAsync();
        var hangzhou = world.Zj.HisClient();
        var visit = await hangzhou.RegisterAsync("1101000000000004", "H33010000001");
        await hangzhou.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 28));
        var settled = await (await hangzhou.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);
        await using var session = await ConsoleBrowser.SignedInAsync(world.Bj, "demo.admin");
        var page = session.Page;

        await page.ClickAsync("#nav-federation");
        await page.WaitForSelectorAsync("#federation-peers");

        Assert.Contains("node bj, serving 110100", await page.TextContentAsync("#federation-role"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#peer-hub").CountAsync());
        Assert.Contains(settled.GetProperty("setl_id").GetString()!, await page.TextContentAsync("#federation-unresolved tbody"), StringComparison.Ordinal);
        Assert.True(await page.Locator(".mud-chart svg").CountAsync() >= 1, "the messages' chart");
        var shots = Environment.GetEnvironmentVariable("YIBAO_SCREENSHOTS");
        await page.ScreenshotAsync(new() { Path = shots is null ? TestRun.File("console-federation", ".png") : Path.Combine(shots, "console-federation.png"), FullPage = true });
    }
}
