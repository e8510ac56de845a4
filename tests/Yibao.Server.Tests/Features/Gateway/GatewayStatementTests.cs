using System.Text.Json;
using Yibao.Client;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Gateway;

/// <summary>3202 detail reconciliation through the envelope.</summary>
public sealed class GatewayStatementTests
{
    [Fact]
    public async Task ReconcileDetails_OneAgreeingOneDifferingOneUnknown_AnswersEachAndListsWhatWasNotSent()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var settled = new List<(SettleRequest Request, JsonElement Setlinfo)>();
        for (var i = 0; i < 3; i++)
        {
            var (request, _) = await GatewayFlowTests.ReadyToSettleAsync(his);
            settled.Add((request, (await his.SettleAsync(request)).Expect().GetProperty("setlinfo")));
        }

        (string SetlId, string MdtrtId, decimal Medfee, decimal Fund, decimal Account) Detail(int i, decimal extra = 0m) => (
            settled[i].Setlinfo.GetProperty("setl_id").GetString()!,
            settled[i].Request.MdtrtId,
            settled[i].Setlinfo.GetProperty("medfee_sumamt").GetDecimal() + extra,
            settled[i].Setlinfo.GetProperty("fund_pay_sumamt").GetDecimal(),
            settled[i].Setlinfo.GetProperty("acct_pay").GetDecimal());
        var details = new[] { Detail(0), Detail(1, 1m), ("S-UNKNOWN", "M-UNKNOWN", 10m, 0m, 10m) };
        object Input(int count) => new
        {
            data = new
            {
                stmt_begndate = "2026-11-22",
                stmt_enddate = "2026-11-22 23:59:59",
                medfee_sumamt = details.Sum(d => d.Item3),
                fund_pay_sumamt = details.Sum(d => d.Item4),
                cash_payamt = details.Sum(d => d.Item3 - d.Item4 - d.Item5).ToString(System.Globalization.CultureInfo.InvariantCulture),
                fixmedins_setl_cnt = count,
                refd_setl_flag = "0",
                details = details.Select(d => new { setl_id = d.Item1, mdtrt_id = d.Item2, psn_no = "3301000000000001", medfee_sumamt = d.Item3, fund_pay_sumamt = d.Item4, acct_pay = d.Item5 }),
            },
        };

        var answer = (await his.CallAsync("3202", Input(3))).Expect();
        var refused = await his.CallAsync("3202", Input(2));

        Assert.Equal(["0", "1", "3"], answer.GetProperty("result").EnumerateArray().Select(r => r.GetProperty("stmt_rslt").GetString()));
        Assert.Equal([settled[2].Setlinfo.GetProperty("setl_id").GetString()], answer.GetProperty("platform_only").EnumerateArray().Select(p => p.GetProperty("setl_id").GetString()));
        Assert.StartsWith("[details_do_not_add_up]", refused.ErrMsg, StringComparison.Ordinal);
    }
}
