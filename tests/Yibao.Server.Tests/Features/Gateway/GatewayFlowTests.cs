using Yibao.Domain.Lifecycles;
using Microsoft.EntityFrameworkCore;
using Yibao.Client;
using Yibao.Domain.Codes;
using Yibao.Domain.Interchange;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Gateway;

/// <summary>The whole outpatient flow through the national envelope, for each demo person type.</summary>
public sealed class GatewayFlowTests
{
    private static readonly FeeDetail[] Lines =
    [
        FeeDetail.Of("1", "XC08CAA001A001", 1.85m, 28m),
        FeeDetail.Of("2", "XC10AAA005A001", 3.60m, 28m),
        FeeDetail.Of("3", "330100005", 1280m, 1m),
    ];

    [Theory]
    [InlineData("employee", "3301000000000001", "330106196803140013", "310", "H33010000001", 3, "11", "offline")]
    [InlineData("resident", "3301000000000003", "330106199007210037", "390", "H33010000003", 1, "11", "offline")]
    [InlineData("retired", "3301000000000002", "330106195511020023", "310", "H33010000001", 3, "11", "offline")]
    [InlineData("chronic disease", "3301000000000001", "330106196803140013", "310", "H33010000001", 3, "14", "offline")]
    [InlineData("internet hospital follow-up", "3301000000000001", "330106196803140013", "310", "H33010000002", 3, "11", "online")]
    [InlineData("third-party platform follow-up", "3301000000000001", "330106196803140013", "310", "H33010000004", 1, "11", "online")]
    public async Task OutpatientFlow_ThroughTheEnvelope_SettlesAsTheEngineComputes(string who, string psnNo, string certno, string insutype, string institution, int level, string medType, string channel)
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, institution);

        var info = (await his.PersonInfoAsync("03", certno, Api.Card(psnNo).CardSn)).Expect();
        Assert.Equal(psnNo, info.GetProperty("baseinfo").GetProperty("psn_no").GetString());
        var insuinfo = info.GetProperty("insuinfo")[0];
        Assert.Equal(insutype, insuinfo.GetProperty("insutype").GetString());
        var area = insuinfo.GetProperty("insuplc_admdvs").GetString()!;

        var registered = (await his.RegisterAsync(psnNo, insutype, area, "02", certno)).Expect();
        var mdtrtId = registered.GetProperty("data").GetProperty("mdtrt_id").GetString()!;

        // 2203 names the diagnosis: hypertension, which Zhang Wei is registered for (online visits are follow-ups of it).
        (await his.CallAsync("2203", new { mdtrtinfo = new { mdtrt_id = mdtrtId, psn_no = psnNo, med_type = medType, dise_codg = "I10", dise_name = "Hypertension" } })).Expect();
        var uploaded = (await his.UploadFeesAsync(mdtrtId, psnNo, Lines)).Expect();
        Assert.Equal(3, uploaded.GetProperty("result").GetArrayLength());
        var total = Lines.Sum(l => l.Amount);

        // Offline the ID number will do; online settlement needs the e-certificate with a face check.
        var request = channel == "online"
            ? new SettleRequest(mdtrtId, psnNo, insutype, area, medType, total, "01", await Phone.FaceCheckedEcTokenAsync(server, his, certno))
            : new SettleRequest(mdtrtId, psnNo, insutype, area, medType, total, "02", certno);
        var pre = (await his.PreSettleAsync(request)).Expect();
        var settled = (await his.SettleAsync(request)).Expect();

        var expected = GatewayFixture.Engine(psnNo, "330100", level, medType, channel == "online" ? Channel.Online : Channel.Offline, Lines);
        foreach (var (name, amount) in SettlementJson.Fields(expected))
        {
            Assert.True(amount == settled.GetProperty("setlinfo").GetProperty(name).GetDecimal(), $"{who}: {name} expected {amount}, got {settled.GetProperty("setlinfo").GetProperty(name)}");
            Assert.True(amount == pre.GetProperty("setlinfo").GetProperty(name).GetDecimal(), $"{who}: pre-settlement {name}");
        }

        var details = settled.GetProperty("setldetail").EnumerateArray().ToDictionary(d => d.GetProperty("fund_pay_type").GetString()!, d => d.GetProperty("fund_payamt").GetDecimal());
        if (insutype == "310")
        {
            Assert.Equal(expected.HifpPay, details["310100"]);
            Assert.Equal(expected.AcctPay, details["310200"]);
        }
        else
        {
            Assert.Equal(expected.HifpPay, details["390100"]);
        }

        var setlId = settled.GetProperty("setlinfo").GetProperty("setl_id").GetString()!;
        var queried = (await his.QuerySettlementAsync(setlId, mdtrtId, psnNo)).Expect();
        Assert.Equal(expected.PsnCashPay, queried.GetProperty("setlinfo").GetProperty("psn_cash_pay").GetDecimal());
        await using var db = server.OpenDatabase();
        Assert.Equal(channel, (await db.Settlements.SingleAsync()).Channel);
        Assert.Equal(request.CertType, settled.GetProperty("setlinfo").GetProperty("mdtrt_cert_type").GetString());
        Assert.Equal(medType, (await db.Visits.SingleAsync()).MedType);
    }

    [Fact]
    public async Task Settle_RetriedWithTheSameMsgid_ReturnsTheStoredEnvelopeAndSettlesOnce()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (request, _) = await ReadyToSettleAsync(his);
        var msgid = his.NextMsgId();

        var first = await his.SettleAsync(request, msgid);
        var retry = await his.SettleAsync(request, msgid);

        Assert.True(first.IsSuccess, first.ErrMsg);
        Assert.Equal(first.Raw, retry.Raw);
        await using var db = server.OpenDatabase();
        Assert.Equal(1, await db.Settlements.CountAsync());
    }

    [Fact]
    public async Task Reverse_Settlement_CancelsItAndReverseOfTheCancellationRestoresIt()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (request, _) = await ReadyToSettleAsync(his);
        var settle = await his.SettleAsync(request);
        var setl = settle.Expect().GetProperty("setlinfo");
        var setlId = setl.GetProperty("setl_id").GetString()!;

        (await his.ReverseAsync(request.PsnNo, settle.Msgid, "2207")).Expect();
        await using (var db = server.OpenDatabase())
        {
            Assert.Equal(SettlementStatus.Cancelled, (await db.Settlements.SingleAsync()).Status);
            Assert.Equal(800m, (await db.PersonalAccounts.SingleAsync(a => a.PsnNo == request.PsnNo)).Balance);
        }

        // Settle again, cancel with 2208, then reverse the cancellation: the settlement stands again, exactly.
        var again = (await his.SettleAsync(request)).Expect().GetProperty("setlinfo");
        var cancel = await his.CancelSettlementAsync(again.GetProperty("setl_id").GetString()!, request.MdtrtId, request.PsnNo);
        Assert.Equal(-again.GetProperty("acct_pay").GetDecimal(), cancel.Expect().GetProperty("setlinfo").GetProperty("acct_pay").GetDecimal());
        (await his.ReverseAsync(request.PsnNo, cancel.Msgid, "2208")).Expect();
        (await his.ReverseAsync(request.PsnNo, his.NextMsgId(), "2207")).Expect(); // never processed: nothing to reverse

        await using var check = server.OpenDatabase();
        var restored = await check.Settlements.SingleAsync(s => s.SetlId == again.GetProperty("setl_id").GetString());
        Assert.Equal(SettlementStatus.Settled, restored.Status);
        Assert.Equal(800m - restored.AcctPay, (await check.PersonalAccounts.SingleAsync(a => a.PsnNo == request.PsnNo)).Balance);
        Assert.Equal(restored.FundDelta, (await check.Accumulators.SingleAsync(a => a.PsnNo == request.PsnNo)).FundPaid);
        Assert.NotEqual(setlId, restored.SetlId);
    }

    [Fact]
    public async Task Settle_StatedTotalDiffersFromTheUpload_IsRefusedAndNothingSettles()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (request, _) = await ReadyToSettleAsync(his);

        var refused = await his.SettleAsync(request with { MedfeeSumamt = request.MedfeeSumamt + 0.01m });

        Assert.Equal(-1, refused.Infcode);
        Assert.Contains("amount_mismatch", refused.ErrMsg, StringComparison.Ordinal);
        await using var db = server.OpenDatabase();
        Assert.Equal(0, await db.Settlements.CountAsync());
        Assert.Equal(800m, (await db.PersonalAccounts.SingleAsync(a => a.PsnNo == request.PsnNo)).Balance);
    }

    [Fact]
    public async Task Transactions_OnAnotherInstitutionsVisit_AreRefusedAndChangeNothing()
    {
        await using var server = await YibaoServer.StartAsync();
        var owner = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (request, _) = await ReadyToSettleAsync(owner);
        var other = await GatewayFixture.SignedInAsync(server, "H33010000003");

        var upload = await other.UploadFeesAsync(request.MdtrtId, request.PsnNo, [FeeDetail.Of("9", "XC08CAA001A001", 1m, 1m)]);
        var settle = await other.SettleAsync(request);
        var pre = await other.PreSettleAsync(request);

        Assert.All([upload, settle, pre], r => Assert.Equal(-1, r.Infcode));
        Assert.Contains("does not exist at institution H33010000003", settle.ErrMsg, StringComparison.Ordinal);
        await using var db = server.OpenDatabase();
        Assert.Equal(0, await db.Settlements.CountAsync());
        Assert.Equal(3, await db.FeeLines.CountAsync());
    }

    [Fact]
    public async Task Queries_AccumulationsCatalogueAndReconciliation_AnswerFromThePlatformsRecords()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (request, _) = await ReadyToSettleAsync(his);
        var setl = (await his.SettleAsync(request)).Expect().GetProperty("setlinfo");

        var cum = (await his.CallAsync("5206", new { data = new { psn_no = request.PsnNo, cum_ym = "202611" } })).Expect();
        var deductible = cum.GetProperty("cuminfo").EnumerateArray().Single(c => c.GetProperty("cum_type_code").GetString() == "outpatient_deductible");
        Assert.Equal(setl.GetProperty("act_pay_dedc").GetDecimal(), deductible.GetProperty("cum").GetDecimal());

        var page = (await his.CallAsync("1312", new { data = new { page_num = 2, page_size = 5 } })).Expect();
        Assert.Equal(12, page.GetProperty("recordCounts").GetInt32());
        Assert.Equal(3, page.GetProperty("pages").GetInt32());
        Assert.Equal(5, page.GetProperty("data").GetArrayLength());

        object Statement(decimal medfee, int count) => new
        {
            data = new
            {
                insutype = "310", clr_type = "11", setl_optins = "330100", stmt_begndate = "2026-11-01", stmt_enddate = "2026-11-30",
                medfee_sumamt = medfee, fund_pay_sumamt = setl.GetProperty("fund_pay_sumamt").GetDecimal(), acct_pay = setl.GetProperty("acct_pay").GetDecimal(),
                fixmedins_setl_cnt = count,
            },
        };
        var agree = (await his.CallAsync("3201", Statement(request.MedfeeSumamt, 1))).Expect().GetProperty("stmtinfo");
        var disagree = (await his.CallAsync("3201", Statement(request.MedfeeSumamt + 1, 2))).Expect().GetProperty("stmtinfo");
        Assert.Equal("0", agree.GetProperty("stmt_rslt").GetString());
        Assert.Equal("1", disagree.GetProperty("stmt_rslt").GetString());
        Assert.Contains("fixmedins_setl_cnt 2 vs platform 1", disagree.GetProperty("stmt_rslt_dscr").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlineSettlement_WithoutTheECertificateOrItsFaceCheck_IsRefused()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000002");
        const string psnNo = "3301000000000001", certno = "330106196803140013";
        var mdtrtId = (await his.RegisterAsync(psnNo, "310", "330100", "02", certno)).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        (await his.CallAsync("2203", new { mdtrtinfo = new { mdtrt_id = mdtrtId, psn_no = psnNo, med_type = "11", dise_codg = "I10" } })).Expect();
        (await his.UploadFeesAsync(mdtrtId, psnNo, Lines)).Expect();
        var (ecToken, _) = await his.DecodeQrCodeAsync(await Phone.QrAsync(await Phone.SignInAsync(server, certno)));
        var request = new SettleRequest(mdtrtId, psnNo, "310", "330100", "11", Lines.Sum(l => l.Amount), "02", certno);

        var preByIdNumber = await his.PreSettleAsync(request); // a pre-settlement settles nothing: the ID number will do
        var byIdNumber = await his.SettleAsync(request);
        var withoutFace = await his.SettleAsync(request with { CertType = "01", CertNo = ecToken! });
        var wrongFace = await his.VerifyFaceAsync(ecToken!, "someone else");
        var otherInstitution = await GatewayFixture.Client(server, "H33010000001").VerifyFaceAsync(ecToken!, "demo-face-ok");
        var rightFace = await his.VerifyFaceAsync(ecToken!, "demo-face-ok");
        var settled = await his.SettleAsync(request with { CertType = "01", CertNo = ecToken! });

        Assert.True(preByIdNumber.IsSuccess, preByIdNumber.ErrMsg);
        Assert.Contains("ecert_required", byIdNumber.ErrMsg, StringComparison.Ordinal);
        Assert.Contains("face_check_required", withoutFace.ErrMsg, StringComparison.Ordinal);
        Assert.False(wrongFace.Verified);
        Assert.False(otherInstitution.Verified);
        Assert.True(rightFace.Verified, rightFace.Message);
        Assert.True(settled.IsSuccess, settled.ErrMsg);
    }

    [Fact]
    public async Task Register_OnlineFirstVisitInExpContent_IsRefused()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000002");

        var first = await his.RegisterAsync("3301000000000001", "310", "330100", "02", "330106196803140013", visitKind: "first");
        var followUp = await his.RegisterAsync("3301000000000001", "310", "330100", "02", "330106196803140013", visitKind: "followUp");

        Assert.Contains("online_first_visit", first.ErrMsg, StringComparison.Ordinal);
        Assert.True(followUp.IsSuccess, followUp.ErrMsg);
    }

    internal static async Task<(SettleRequest Request, decimal Total)> ReadyToSettleAsync(GatewayClient his)
    {
        const string psnNo = "3301000000000001", certno = "330106196803140013";
        var mdtrtId = (await his.RegisterAsync(psnNo, "310", "330100", "02", certno)).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        (await his.UploadFeesAsync(mdtrtId, psnNo, Lines)).Expect();
        var total = Lines.Sum(l => l.Amount);
        return (new SettleRequest(mdtrtId, psnNo, "310", "330100", "11", total, "02", certno), total);
    }
}
