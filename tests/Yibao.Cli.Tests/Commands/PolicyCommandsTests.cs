using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Testing;

namespace Yibao.Cli.Tests.Commands;

public sealed class PolicyCommandsTests
{
    [Fact]
    public async Task PolicySimulate_ADraftWithoutADeductible_ReportsTheFundPayingMore()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.HisClient();
        for (var i = 0; i < 2; i++)
        {
            var visit = await client.RegisterAsync("3301000000000001", "H33010000001");
            await client.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 100));
            await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);
        }

        using var current = new StringWriter();
        await YibaoCli.RunAsync(["policy", "draft", "--area", "330100", "--insutype", "310", "--year", "2026", "-c", server.ConnectionString], current, TextWriter.Null);
        var document = Path.Combine(TestRun.Folder("policy"), "draft.json");
        await File.WriteAllTextAsync(document, """{"area":"330100","insutype":"310","year":2026,"maxRatio":0.95,"benefits":{"outpatient":{"deductible":{"amount":0},"ratio":0.8}}}""");
        using var draft = new StringWriter();
        var drafted = await YibaoCli.RunAsync(["policy", "draft", "--area", "330100", "--insutype", "310", "--year", "2026", "--document", document, "-c", server.ConnectionString], draft, TextWriter.Null);
        using var report = new StringWriter();
        using var progress = new StringWriter();
        var simulated = await YibaoCli.RunAsync(["policy", "simulate", "--draft", draft.ToString().Trim(), "--from", "2026-01-01", "--to", "2026-12-31", "--json", "-c", server.ConnectionString], report, progress);
        using var table = new StringWriter();
        await YibaoCli.RunAsync(["policy", "simulate", "--draft", current.ToString().Trim(), "--from", "2026-01-01", "--to", "2026-12-31", "-c", server.ConnectionString], table, TextWriter.Null);

        Assert.Equal((0, 0), (drafted, simulated));
        var total = JsonDocument.Parse(report.ToString()).RootElement.GetProperty("total");
        Assert.Equal(2, total.GetProperty("settlements").GetInt64());
        Assert.Equal(0m, total.GetProperty("fundBefore").GetDecimal());
        Assert.Equal(Math.Round(2 * 185.00m * 0.8m, 2), total.GetProperty("fundAfter").GetDecimal());
        Assert.Contains("0 changed", table.ToString(), StringComparison.Ordinal);
        Assert.Contains("Re-settled 2 settlements", table.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyDraft_AnInvalidDocument_IsRefusedAndLeavesNoOpenDraft()
    {
        await using var server = await YibaoServer.StartAsync();
        var document = Path.Combine(TestRun.Folder("policy"), "draft.json");
        await File.WriteAllTextAsync(document, """{"area":"330100","insutype":"310","year":2026,"maxRatio":2,"benefits":{}}""");
        using var error = new StringWriter();

        var exit = await YibaoCli.RunAsync(["policy", "draft", "--area", "330100", "--insutype", "310", "--year", "2026", "--document", document, "-c", server.ConnectionString], TextWriter.Null, error);
        using var simulate = new StringWriter();
        var refused = await YibaoCli.RunAsync(["policy", "simulate", "--draft", "1", "--from", "2025-01-01", "--to", "2026-12-31", "-c", server.ConnectionString], TextWriter.Null, simulate);

        Assert.Equal(1, exit);
        Assert.Contains("invalid_policy", error.ToString(), StringComparison.Ordinal);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            Assert.Equal("discarded", scope.ServiceProvider.GetRequiredService<Storage.YibaoDbContext>().PolicyDrafts.Single().Status);
        }

        Assert.Equal(1, refused);
        Assert.Contains("invalid_simulation_period", simulate.ToString(), StringComparison.Ordinal);
    }
}
