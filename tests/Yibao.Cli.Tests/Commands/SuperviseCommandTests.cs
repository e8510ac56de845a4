using Yibao.Testing;

namespace Yibao.Cli.Tests.Commands;

public sealed class SuperviseCommandTests
{
    [Fact]
    public async Task Supervise_AMonthTwice_RaisesTheFindingsOnceAndSaysSo()
    {
        await using var server = await YibaoServer.StartAsync();
        await SettledAndRestrictedAsync(server, "3301000000000001");
        using var first = new StringWriter();
        using var second = new StringWriter();
        using var error = new StringWriter();

        var exits = (
            await YibaoCli.RunAsync(["supervise", "--period", "2026-11", "-c", server.ConnectionString], first, TextWriter.Null),
            await YibaoCli.RunAsync(["supervise", "--period", "2026-11", "-c", server.ConnectionString], second, TextWriter.Null),
            await YibaoCli.RunAsync(["supervise", "--period", "2026-11", "--rules", "NOPE", "-c", server.ConnectionString], TextWriter.Null, error));

        Assert.Equal((0, 0, 1), exits);
        Assert.Contains("POL001", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 findings raised, 0 raised before", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("0 findings raised, 1 raised before", second.ToString(), StringComparison.Ordinal);
        Assert.Contains("invalid_analysis", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervise_AsItsOwnProcessOnPostgres_RaisesTheFindingsWithItsSocketsCompletingInline()
    {
        // The command's own process: its entry point turns the runtime's inline socket completions on, so the
        // streaming read, the judging and the findings' writes all run as they do in production.
        await using var server = await YibaoServer.StartAsync("postgres");
        await SettledAndRestrictedAsync(server, "3301000000000001", "3301000000000002");

        var (exit, output, error) = await ServerProcess.RunCliAsync(["supervise", "--period", "2026-11", "-c", server.ConnectionString], TestRun.Folder("cli-cwd"), TestRun.Folder("home"))
            .WaitAsync(TimeSpan.FromMinutes(2)); // a hang (completions waiting on each other) fails, not stalls the run

        Assert.True(exit == 0, error);
        // Two claims judged, one of them a man's: the restriction to women fires once.
        Assert.Contains("2 claims judged", output, StringComparison.Ordinal);
        Assert.Contains("1 findings raised, 0 raised before", output, StringComparison.Ordinal);
    }

    /// <summary>One settled claim of the item for each person, then the area's knowledge restricting the item to women.</summary>
    private static async Task SettledAndRestrictedAsync(YibaoServer server, params string[] persons)
    {
        var hospital = server.InstitutionClient("H33010000001");
        foreach (var psn in persons)
        {
            var visit = await hospital.RegisterAsync(psn, "H33010000001");
            await hospital.UploadAsync(visit, Api.Line("XC08CAA001A001", 1.85m, 28));
            await (await hospital.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);
        }

        var staff = await server.StaffClientAsync("policy");
        await (await staff.SendAsync(HttpMethod.Put, "/api/admin/supervision/330100", """{"restrictions": [{"code": "XC08CAA001A001", "gender": "2"}]}""")).JsonAsync(200);
    }
}
