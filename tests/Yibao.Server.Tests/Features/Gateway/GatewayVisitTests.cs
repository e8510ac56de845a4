using Yibao.Domain.Lifecycles;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Yibao.Client;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Gateway;

/// <summary>2202, 2203 and 2205, and a 2207 retried concurrently under one msgid.</summary>
public sealed class GatewayVisitTests
{
    [Fact]
    public async Task VisitInfo_ChronicMedType_SettlesOnTheChronicBenefit()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (request, _) = await GatewayFlowTests.ReadyToSettleAsync(his);

        (await his.CallAsync("2203", new
        {
            mdtrtinfo = new { mdtrt_id = request.MdtrtId, psn_no = request.PsnNo, med_type = "14", begntime = "2026-11-22 10:00:00", dise_codg = "I10", dise_name = "Hypertension" },
            diseinfo = new[] { new { diag_type = "1", diag_srt_no = "1", diag_code = "I10", diag_name = "Hypertension", vali_flag = "1" } },
        })).Expect();
        var settled = (await his.SettleAsync(request with { MedType = "14" })).Expect().GetProperty("setlinfo");

        // Chronic benefit: no deductible, level-3 ratio 0.8.
        Assert.Equal(0m, settled.GetProperty("act_pay_dedc").GetDecimal());
        Assert.Equal("14", settled.GetProperty("med_type").GetString());
        await using var db = server.OpenDatabase();
        Assert.Equal("chronic", (await db.Settlements.SingleAsync()).BenefitKind);
        Assert.Equal("I10", (await db.Visits.SingleAsync()).DiseaseCode);
    }

    [Fact]
    public async Task UploadFees_LinesOnAPrescription_RecordTheRxnoAndCirculationFlag()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var mdtrtId = (await his.RegisterAsync("3301000000000001", "310", "330100", "02", "330106196803140013")).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        object Line(string sn, string? rxno, string? circulated) => new { feedetl_sn = sn, mdtrt_id = mdtrtId, psn_no = "3301000000000001", med_list_codg = "XC08CAA001A001", pric = 1.85m, cnt = 28, det_item_fee_sumamt = 51.80m, rxno, rx_circ_flag = circulated };

        var uploaded = (await his.CallAsync("2204", new { feedetail = new[] { Line("1", "RX20261122001", "1"), Line("2", "RX20261122002", "0"), Line("3", null, null) } })).Expect();
        var refused = await his.CallAsync("2204", new { feedetail = new[] { Line("4", "RX20261122003", "2") } });

        await using var db = server.OpenDatabase();
        var lines = await db.FeeLines.OrderBy(l => l.FeedetlSn).Select(l => new { l.Rxno, l.RxCircFlag }).ToListAsync();
        Assert.Equal([new { Rxno = (string?)"RX20261122001", RxCircFlag = true }, new { Rxno = (string?)"RX20261122002", RxCircFlag = false }, new { Rxno = (string?)null, RxCircFlag = false }], lines);
        Assert.Equal("RX20261122001", uploaded.GetProperty("result")[0].GetProperty("exp_content").GetProperty("rxno").GetString());
        Assert.Contains("input.feedetail[0].rx_circ_flag", refused.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelFees_ThenSettle_IsRefusedForWantOfLines()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (request, _) = await GatewayFlowTests.ReadyToSettleAsync(his);

        (await his.CallAsync("2205", new { data = new { mdtrt_id = request.MdtrtId, chrg_bchno = "0000", psn_no = request.PsnNo } })).Expect();
        var settle = await his.SettleAsync(request);
        var batch = await his.CallAsync("2205", new { data = new { mdtrt_id = request.MdtrtId, chrg_bchno = "B7", psn_no = request.PsnNo } });

        Assert.Contains("no_fee_lines", settle.ErrMsg, StringComparison.Ordinal);
        Assert.Contains("0000", batch.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelRegistration_OpenVisit_ClosesItAndRefusesASettledOne()
    {
        await using var server = await YibaoServer.StartAsync();
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (open, _) = await GatewayFlowTests.ReadyToSettleAsync(his);
        var (settled, _) = await GatewayFlowTests.ReadyToSettleAsync(his);
        (await his.SettleAsync(settled)).Expect();

        (await his.CallAsync("2202", new { data = new { psn_no = open.PsnNo, mdtrt_id = open.MdtrtId, ipt_otp_no = "1" } })).Expect();
        var upload = await his.UploadFeesAsync(open.MdtrtId, open.PsnNo, [FeeDetail.Of("9", "XC08CAA001A001", 1m, 1m)]);
        var refused = await his.CallAsync("2202", new { data = new { psn_no = settled.PsnNo, mdtrt_id = settled.MdtrtId, ipt_otp_no = "2" } });

        Assert.Contains("visit_cancelled", upload.ErrMsg, StringComparison.Ordinal);
        Assert.Contains("2208", refused.ErrMsg, StringComparison.Ordinal);
        await using var db = server.OpenDatabase();
        Assert.Equal(VisitStatus.Cancelled, (await db.Visits.SingleAsync(v => v.MdtrtId == open.MdtrtId)).Status);
        Assert.True(await db.FeeLines.Where(l => l.MdtrtId == open.MdtrtId).AllAsync(l => l.Cancelled));
    }

    [Fact]
    public async Task Settle_SameMsgidConcurrentlyOnPostgres_OneSettlementAndOneAnswer()
    {
        await using var server = await YibaoServer.StartAsync("postgres");
        var his = await GatewayFixture.SignedInAsync(server, "H33010000001");
        var (request, _) = await GatewayFlowTests.ReadyToSettleAsync(his);
        var msgid = his.NextMsgId();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => his.SettleAsync(request, msgid)));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.ErrMsg));
        Assert.Single(results.Select(r => r.Raw).Distinct());
        await using var db = server.OpenDatabase();
        Assert.Equal(1, await db.Settlements.CountAsync());
        Assert.Equal(800m - (await db.Settlements.SingleAsync()).AcctPay, (await db.PersonalAccounts.SingleAsync(a => a.PsnNo == request.PsnNo)).Balance);
    }
}
