using System.Text.Json;
using Yibao.Testing;
using Yibao.Server.Tests.Features.Gateway;

namespace Yibao.Server.Tests.Features.Clearing;

/// <summary>
/// A month of cross-region settlements (Zhang Wei, insured in Hangzhou, treated at the Beijing
/// hospital) cleared through the staff API, its split detail extracted, confirmed and rolled back by
/// the hospital through the gateway (3260/3261/3262), then confirmed by both areas and closed.
/// </summary>
public sealed class ClearingDoorTests
{
    private const string ZhangWei = "3301000000000001";
    private const string BeijingHospital = "H11010000001";

    [Fact]
    public async Task Clearing_AMonthOfBeijingTreatments_ClearsConfirmsAndCloses()
    {
        await using var server = await YibaoServer.StartAsync();
        var beijing = server.InstitutionClient(BeijingHospital);
        var settled = new List<JsonElement>();
        for (var i = 0; i < 2; i++)
        {
            var visit = await beijing.RegisterAsync(ZhangWei, BeijingHospital);
            await beijing.UploadAsync(visit, Api.Line("XC08CAA001A001", 2.5m, 4));
            settled.Add(await (await beijing.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201));
        }

        server.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        var finance = await server.StaffClientAsync("clearing");
        var his = await GatewayFixture.SignedInAsync(server, BeijingHospital, "110100");

        var run = await (await finance.SendAsync(HttpMethod.Post, "/api/admin/clearing/2026-11/run")).JsonAsync(200);
        using var pdf = await finance.GetAsync("/api/admin/clearing/2026-11/statement.pdf");
        var detail = (await his.CallAsync("3260", new { data = new { trt_year = 2026, trt_month = 11, page_num = 1 } })).Expect();
        var stated = new
        {
            trt_year = 2026, trt_month = 11, setl_cnt = 2,
            medfee_sumamt = settled.Sum(s => s.Amount("medfee_sumamt")), fund_pay_sumamt = settled.Sum(s => s.Amount("fund_pay_sumamt")), acct_pay = settled.Sum(s => s.Amount("acct_pay")),
        };
        var wrong = await his.CallAsync("3261", new { data = stated with { setl_cnt = 3 } });
        var confirmed = await his.CallAsync("3261", new { data = stated });
        var rolledBack = (await his.CallAsync("3262", new { data = new { otransid = confirmed.Msgid } })).Expect();
        await (await finance.SendAsync(HttpMethod.Post, "/api/admin/clearing/2026-11/areas/330100/confirm")).JsonAsync(200);
        var closed = await (await finance.SendAsync(HttpMethod.Post, "/api/admin/clearing/2026-11/areas/110100/confirm")).JsonAsync(200);
        var rerun = await (await finance.SendAsync(HttpMethod.Post, "/api/admin/clearing/2026-11/run")).JsonAsync(409);
        var open = await (await finance.SendAsync(HttpMethod.Post, "/api/admin/clearing/2026-12/run")).JsonAsync(422);
        var months = await (await finance.SendAsync(HttpMethod.Get, "/api/admin/clearing")).JsonAsync(200);

        var pair = Assert.Single(run.GetProperty("pairs").EnumerateArray());
        Assert.Equal(("330100", "110100", 2), (pair.GetProperty("insured_area").GetString(), pair.GetProperty("treatment_area").GetString(), pair.GetProperty("settled").GetInt32()));
        Assert.Equal(settled.Sum(s => s.Amount("fund_pay_sumamt") + s.Amount("acct_pay")), pair.Amount("amount"));
        Assert.Equal(pair.Amount("amount"), run.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("area").GetString() == "330100").Amount("net"));
        Assert.Equal("top_up", run.GetProperty("areas")[1].GetProperty("advance").GetProperty("status").GetString());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(settled.Select(s => s.GetProperty("setl_id").GetString()), detail.GetProperty("setldetail").EnumerateArray().Select(l => l.GetProperty("setl_id").GetString()));
        Assert.Equal(2, detail.GetProperty("total").GetInt32());
        Assert.StartsWith("[clearing_disagrees]", wrong.ErrMsg, StringComparison.Ordinal);
        Assert.True(confirmed.IsSuccess, confirmed.ErrMsg);
        Assert.Equal(confirmed.Msgid, rolledBack.GetProperty("otransid").GetString());
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("clearing_confirmed", rerun.GetProperty("code").GetString());
        Assert.Equal("clearing_month_open", open.GetProperty("code").GetString());
        Assert.Equal("2026-11", months[0].GetProperty("month").GetString());
    }
}
