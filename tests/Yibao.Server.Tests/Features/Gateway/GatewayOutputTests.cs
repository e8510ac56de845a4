using Yibao.Client;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Gateway;

/// <summary>Every output the gateway answers carries every block and field of the spec's Transactions table.</summary>
public sealed class GatewayOutputTests
{
    private const string PsnNo = "3301000000000001";
    private const string Certno = "330106196803140013";

    [Fact]
    public void SpecOutputs_Read_FindsTheBlocksOfEveryTransaction()
    {
        var spec = SpecOutputs.Read();

        Assert.Equal(["setlinfo", "setldetail", "expContent"], spec["2206"].Select(b => b.Name));
        Assert.Contains("drt_reim_flag", spec["2204"].Single().Fields!);
        Assert.Equal(spec["2207"][0].Fields, spec["5203"][0].Fields);
        Assert.Equal(spec["2207"][0].Fields, spec["2208"][0].Fields);
        Assert.Equal(["setl_id", "stmt_rslt", "memo"], spec["3202"][0].Fields!);
        Assert.Null(spec["1312"][0].Fields);
    }

    [Fact]
    public async Task Outputs_OfAWholeFlow_CarryEveryFieldTheSpecLists()
    {
        var spec = SpecOutputs.Read();
        await using var server = await YibaoServer.StartAsync();
        var his = GatewayFixture.Client(server, "H33010000001");
        var answered = new HashSet<string>(StringComparer.Ordinal);
        async Task<System.Text.Json.JsonElement> Check(string infno, Task<GatewayResult> call)
        {
            var output = (await call).Expect();
            SpecOutputs.AssertComplete(spec, infno, output);
            answered.Add(infno);
            return output;
        }

        await Check("9001", his.CallAsync("9001", new { signIn = new { opter_no = "001", mac = "00:00:00:00:00:00", ip = "127.0.0.1" } }));
        await his.SignInAsync();
        await Check("1101", his.PersonInfoAsync("03", Certno, Api.Card(PsnNo).CardSn));
        var mdtrtId = (await Check("2201", his.RegisterAsync(PsnNo, "310", "330100", "02", Certno))).GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        FeeDetail[] lines = [FeeDetail.Of("1", "XC08CAA001A001", 1.85m, 28m), FeeDetail.Of("2", "XA10AEI032B001", 68m, 1m), FeeDetail.Of("3", "ZZ0001", 30m, 1m)];
        var uploaded = await Check("2204", his.UploadFeesAsync(mdtrtId, PsnNo, lines));
        var request = new SettleRequest(mdtrtId, PsnNo, "310", "330100", "11", lines.Sum(l => l.Amount), "02", Certno);
        await Check("2206", his.PreSettleAsync(request));
        var setlinfo = (await Check("2207", his.SettleAsync(request))).GetProperty("setlinfo");
        var setlId = setlinfo.GetProperty("setl_id").GetString()!;
        decimal Amount(string name) => setlinfo.GetProperty(name).GetDecimal();
        var details = await Check("3202", his.CallAsync("3202", new
        {
            data = new
            {
                setl_optins = "330100", stmt_begndate = "2026-11-22", stmt_enddate = "2026-11-22", medfee_sumamt = Amount("medfee_sumamt"), fund_pay_sumamt = Amount("fund_pay_sumamt"),
                cash_payamt = Amount("psn_cash_pay"), fixmedins_setl_cnt = 1, refd_setl_flag = "0",
                details = new[] { new { setl_id = setlId, mdtrt_id = mdtrtId, psn_no = PsnNo, medfee_sumamt = Amount("medfee_sumamt"), fund_pay_sumamt = Amount("fund_pay_sumamt"), acct_pay = Amount("acct_pay"), refd_setl_flag = "0" } },
            },
        }));
        Assert.Equal("0", details.GetProperty("result")[0].GetProperty("stmt_rslt").GetString());
        await Check("5203", his.QuerySettlementAsync(setlId, mdtrtId, PsnNo));
        await Check("5206", his.CallAsync("5206", new { data = new { psn_no = PsnNo, cum_ym = "202611" } }, insuplcAdmdvs: "330100"));
        await Check("3201", his.CallAsync("3201", new { data = new { insutype = "310", clr_type = "11", setl_optins = "330100", stmt_begndate = "2026-11-22", stmt_enddate = "2026-11-22", medfee_sumamt = 0m, fund_pay_sumamt = 0m, acct_pay = 0m, fixmedins_setl_cnt = 0 } }));
        await Check("1312", his.CallAsync("1312", new { data = new { query_date = "2026-11-22", hilist_code = "", insu_admdvs = "330100", page_num = 1, page_size = 10 } }));
        await Check("2208", his.CancelSettlementAsync(setlId, mdtrtId, PsnNo));
        await Check("9002", his.CallAsync("9002", new { signOut = new { sign_no = his.SignNo, opter_no = "001" } }));

        // The catalogue's marks reach each line: amlodipine is an essential medicine, insulin glargine a negotiated drug with a restricted use.
        var result = uploaded.GetProperty("result").EnumerateArray().ToDictionary(r => r.GetProperty("feedetl_sn").GetString()!);
        Assert.Equal(("1", "0", "1", "09"), Flags(result["1"]));
        Assert.Equal(("0", "1", "1", "09"), Flags(result["2"]));
        Assert.Equal("1", result["2"].GetProperty("lmt_used_flag").GetString());
        Assert.Equal("0", result["3"].GetProperty("drt_reim_flag").GetString());
        Assert.Equal("0", result["1"].GetProperty("lmt_used_flag").GetString());

        var silent = spec.Where(s => s.Value.Count == 0).Select(s => s.Key);
        Assert.Equal(spec.Keys.Except(silent).Order(StringComparer.Ordinal), answered.Order(StringComparer.Ordinal));
    }

    private static (string Essential, string Negotiated, string Direct, string Category) Flags(System.Text.Json.JsonElement line) =>
        (line.GetProperty("bas_medn_flag").GetString()!, line.GetProperty("hi_nego_drug_flag").GetString()!, line.GetProperty("drt_reim_flag").GetString()!, line.GetProperty("med_chrgitm_type").GetString()!);
}
