using Microsoft.EntityFrameworkCore;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Reconciliation;

/// <summary>Detail reconciliation on the native API: the same use case as 3202.</summary>
public sealed class DetailReconciliationTests
{
    [Fact]
    public async Task Post_OneSettlementSentBack_AgreesAndAnIncompleteRequestIs400()
    {
        await using var server = await YibaoServer.StartAsync();
        var http = server.HisClient();
        var mdtrtId = await http.RegisterAsync("3301000000000001", "H33010000001");
        await http.UploadAsync(mdtrtId, Api.Line("XC08CAA001A001", 1.85m, 28m));
        (await http.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).EnsureSuccessStatusCode();
        await using var db = server.OpenDatabase();
        var s = await db.Settlements.SingleAsync();

        using var response = await http.SendAsync(HttpMethod.Post, "/api/institutions/H33010000001/reconciliation/details", new
        {
            from = s.SettlementDate, to = s.SettlementDate, medfee_sumamt = s.MedfeeSumamt, fund_pay_sumamt = s.FundPaySumamt, cash_payamt = s.PsnCashPay, count = 1,
            details = new[] { new { setl_id = s.SetlId, mdtrt_id = s.MdtrtId, psn_no = s.PsnNo, medfee_sumamt = s.MedfeeSumamt, fund_pay_sumamt = s.FundPaySumamt, acct_pay = s.AcctPay } },
        });
        using var incomplete = await http.SendAsync(HttpMethod.Post, "/api/institutions/H33010000001/reconciliation/details", new { from = s.SettlementDate });

        var body = await response.JsonAsync(200);
        Assert.Equal(0, body.GetProperty("results")[0].GetProperty("stmt_rslt").GetInt32());
        Assert.Equal(0, body.GetProperty("platform_only_count").GetInt32());
        Assert.Equal("validation_failed", (await incomplete.JsonAsync(400)).GetProperty("code").GetString());
    }
}
