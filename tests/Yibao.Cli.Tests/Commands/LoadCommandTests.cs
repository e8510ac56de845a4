using Microsoft.EntityFrameworkCore;
using Spectre.Console.Testing;
using Yibao.Cli.Commands;
using Yibao.Testing;

namespace Yibao.Cli.Tests.Commands;

public sealed class LoadCommandTests
{
    [Fact]
    public async Task Drive_AgainstARealServer_SettlesFlowsAndReportsPercentiles()
    {
        await using var server = await YibaoServer.StartAsync();
        var run = await LoadRun.PrepareAsync(server.CreateClient(), 20, default, clock: server.Clock);

        var report = await run.DriveAsync(clients: 2, TimeSpan.FromSeconds(1), default);

        Assert.Equal(0, report.Failed);
        Assert.NotEmpty(report.Flows);
        Assert.Equal(report.Flows.Count * 3, report.Requests.Count);
        await using var db = server.OpenDatabase();
        Assert.Equal(report.Flows.Count, await db.Settlements.CountAsync());
        Assert.Equal(20, await db.Persons.CountAsync(p => p.Name.StartsWith("Load person")));

        var console = new TestConsole();
        report.Print(console);
        Assert.Contains("settlement flows", console.Output, StringComparison.Ordinal);
        Assert.Contains("p99", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drive_ThroughTheGateway_SettlesFlowsWithTheDemoCredentials()
    {
        await using var server = await YibaoServer.StartAsync();
        var run = await LoadRun.PrepareAsync(server.CreateClient(), 20, default, gateway: true, server.Clock);

        var report = await run.DriveAsync(clients: 2, TimeSpan.FromSeconds(1), default);

        Assert.Equal(0, report.Failed);
        Assert.NotEmpty(report.Flows);
        await using var db = server.OpenDatabase();
        Assert.Equal(report.Flows.Count, await db.Settlements.CountAsync());
        Assert.Equal(2, await db.GatewaySignIns.CountAsync()); // one HIS per physical demo institution of the area
        Assert.True(await db.ProcessedMessages.CountAsync(m => m.MsgId.StartsWith("gw:")) >= report.Flows.Count * 3); // 2201, 2204, 2207
    }

    [Theory]
    [InlineData(50, 5)]
    [InlineData(95, 10)]
    [InlineData(99, 10)]
    [InlineData(1, 1)]
    public void Percentile_TenValues_NearestRank(double percentile, double expected)
    {
        Assert.Equal(expected, LoadReport.Percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], percentile));
    }

    [Fact]
    public async Task Load_InvalidOptions_IsAUsageError()
    {
        using var error = new StringWriter();
        var exit = await YibaoCli.RunAsync(["load", "--url", "not a url", "--clients", "0"], TextWriter.Null, error);
        Assert.NotEqual(0, exit);
    }
}
