using System.Text.Json;
using Yibao.Testing;

namespace Yibao.Cli.Tests.Commands;

public sealed class ReportCommandsTests
{
    [Fact]
    public async Task ReportParity_OnlineAndOfflineSettlements_SameRatioPerBenefitKind()
    {
        await using var server = await YibaoServer.StartAsync();
        var client = server.HisClient();
        foreach (var institution in new[] { "H33010000002", "H33010000001", "H33010000001" })
        {
            var visit = await client.RegisterAsync("3301000000000001", institution, disease: "I10");
            await client.UploadAsync(visit, Api.Line("330100005", 1280m, 1));
            var certificate = institution == "H33010000002"
                ? new { mdtrt_cert_type = "01", mdtrt_cert_no = await Phone.FaceCheckedEcTokenAsync(server, institution, "330106196803140013") }
                : null;
            await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", certificate ?? new { mdtrt_cert_type = "02", mdtrt_cert_no = "" })).JsonAsync(201);
        }

        using var output = new StringWriter();
        var exit = await YibaoCli.RunAsync(["report", "parity", "--area", "330100", "--from", "2026-11-01", "--to", "2026-11-30", "--json", "-c", server.ConnectionString], output, TextWriter.Null);
        using var table = new StringWriter();
        await YibaoCli.RunAsync(["report", "parity", "--area", "330100", "--from", "2026-11-01", "--to", "2026-11-30", "-c", server.ConnectionString], table, TextWriter.Null);
        using var other = new StringWriter();
        await YibaoCli.RunAsync(["report", "parity", "--area", "110100", "--from", "2026-11-01", "--to", "2026-11-30", "--json", "-c", server.ConnectionString], other, TextWriter.Null);

        Assert.Equal(0, exit);
        var rows = JsonDocument.Parse(output.ToString()).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("channel").GetString()!);
        Assert.Equal(1, rows["online"].GetProperty("count").GetInt32());
        Assert.Equal(2, rows["offline"].GetProperty("count").GetInt32());
        Assert.Equal(1280m, rows["online"].GetProperty("medfee_sumamt").GetDecimal());
        Assert.Equal(0.6m, rows["online"].GetProperty("average_ratio").GetDecimal());
        Assert.Equal(rows["offline"].GetProperty("average_ratio").GetDecimal(), rows["online"].GetProperty("average_ratio").GetDecimal());
        Assert.Contains("average ratio online − offline = 0.0000", table.ToString(), StringComparison.Ordinal);
        Assert.Equal("[]", other.ToString().Trim());
    }

    [Fact]
    public async Task ReportParity_BadDates_IsAUsageError()
    {
        var exit = await YibaoCli.RunAsync(["report", "parity", "--area", "330100", "--from", "2026-12-01", "--to", "2026-11-01"], TextWriter.Null, TextWriter.Null);
        Assert.Equal(1, exit);
    }
}
