using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Interchange;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Settlements;

public sealed class OutpatientFlowTests : IAsyncLifetime
{
    private YibaoServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await YibaoServer.StartAsync();
        _client = _server.HisClient();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static (object[] Lines, JsonElement Expected) Case(string prefix)
    {
        var file = Directory.GetFiles(SharedFolder.Fixtures("settlement"), prefix + "*.json").Single();
        var read = SettlementCase.Read(File.ReadAllText(file)).Value;
        return (read.Input.Lines.Select(l => (object)new { code = l.Code, price = l.Price, qty = l.Qty, amount = l.Amount }).ToArray(), read.Expected!.Value);
    }

    private static void AssertMatchesCase(JsonElement expected, JsonElement settlement)
    {
        foreach (var field in expected.EnumerateObject().Where(f => f.Name != "lines"))
        {
            Assert.True(decimal.Parse(field.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) == settlement.Amount(field.Name), $"{field.Name}: expected {field.Value}, got {settlement.GetProperty(field.Name)}");
        }
    }

    [Fact]
    public async Task Settle_EmployeeOfflineFollowUp_ReproducesThePublishedCaseAndMovesTheAccount()
    {
        // Zhang Wei is case 01's person: employee, 800.00 in the account, nothing used this year.
        var (lines, expected) = Case("01-");
        var mdtrtId = await _client.RegisterAsync("3301000000000001", "H33010000001");
        var split = await _client.UploadAsync(mdtrtId, lines);
        Assert.Equal(11.20m, split.GetProperty("lines")[1].Amount("overlmt_amt"));
        Assert.Equal("02", split.GetProperty("lines")[1].GetProperty("chrgitm_lv").GetString());

        var pre = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/pre-settlement", new { })).JsonAsync(200);
        var settled = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).JsonAsync(201);

        AssertMatchesCase(expected, pre);
        AssertMatchesCase(expected, settled);
        var person = await _client.PersonAsync("3301000000000001");
        Assert.Equal(622.40m, person.Amount("balc"));
        Assert.Equal(157.44m, person.GetProperty("accumulators").GetProperty("outpatient").Amount("deductible_paid"));
        var query = await (await _client.SendAsync(HttpMethod.Get, $"/api/settlements/{settled.GetProperty("setl_id").GetString()}")).JsonAsync(200);
        Assert.Equal("settled", query.GetProperty("status").GetString());
        Assert.Equal(3, query.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task PreSettle_AnyNumberOfTimes_ChangesNothing()
    {
        var (lines, _) = Case("01-");
        var mdtrtId = await _client.RegisterAsync("3301000000000001", "H33010000001");
        await _client.UploadAsync(mdtrtId, lines);
        for (var i = 0; i < 3; i++)
        {
            await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/pre-settlement", new { })).JsonAsync(200);
        }

        await using var db = _server.OpenDatabase();
        Assert.Equal(800m, (await db.PersonalAccounts.SingleAsync(a => a.PsnNo == "3301000000000001")).Balance);
        Assert.Empty(await db.Settlements.ToListAsync());
        Assert.Empty(await db.Accumulators.ToListAsync());
    }

    [Fact]
    public async Task Settle_RetriedWithTheSameMsgId_ReturnsTheStoredResponseAndSettlesOnce()
    {
        var (lines, _) = Case("01-");
        var mdtrtId = await _client.RegisterAsync("3301000000000001", "H33010000001");
        await _client.UploadAsync(mdtrtId, lines);

        var first = await _client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { }, "retry-1");
        var again = await _client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { }, "retry-1");
        var other = await _client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { use_account = false }, "retry-1");

        var a = await first.JsonAsync(201);
        var b = await again.JsonAsync(201);
        Assert.Equal(a.GetRawText(), b.GetRawText());
        Assert.True(again.Headers.Contains("X-Idempotent-Replay"));
        Assert.Equal("msgid_reused", (await other.JsonAsync(409)).GetProperty("code").GetString());
        await using var db = _server.OpenDatabase();
        Assert.Equal(1, await db.Settlements.CountAsync());
        Assert.Equal(622.40m, (await db.PersonalAccounts.SingleAsync(a => a.PsnNo == "3301000000000001")).Balance);
    }

    [Fact]
    public async Task Settle_SameVisitTwiceWithNewMsgIds_SecondIsRefused()
    {
        var mdtrtId = await _client.RegisterAsync("3301000000000001", "H33010000001");
        await _client.UploadAsync(mdtrtId, Api.Line("XC08CAA001A001", 1.85m, 28));
        await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).JsonAsync(201);

        var second = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).JsonAsync(409);
        var upload = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/fees", new { lines = new[] { Api.Line("XC08CAA001A001", 1m, 1) } })).JsonAsync(409);

        Assert.Equal("visit_already_settled", second.GetProperty("code").GetString());
        Assert.Equal("visit_already_settled", upload.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Cancel_SettledVisit_RestoresAccountAndAccumulatorsExactlyAndReopensTheVisit()
    {
        var (lines, _) = Case("01-");
        var first = await _client.RegisterAsync("3301000000000001", "H33010000001");
        await _client.UploadAsync(first, lines);
        var s1 = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{first}/settlement", new { })).JsonAsync(201);
        var second = await _client.RegisterAsync("3301000000000001", "H33010000003");
        await _client.UploadAsync(second, Api.Line("330100005", 1280m, 1));
        var s2 = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{second}/settlement", new { })).JsonAsync(201);
        Assert.True(s2.Amount("hifp_pay") > 0);

        var cancel = await (await _client.SendAsync(HttpMethod.Post, $"/api/settlements/{s1.GetProperty("setl_id").GetString()}/cancellation")).JsonAsync(200);
        var cancel2 = await (await _client.SendAsync(HttpMethod.Post, $"/api/settlements/{s2.GetProperty("setl_id").GetString()}/cancellation")).JsonAsync(200);
        var again = await (await _client.SendAsync(HttpMethod.Post, $"/api/settlements/{s1.GetProperty("setl_id").GetString()}/cancellation")).JsonAsync(409);

        Assert.Equal(177.60m, cancel.Amount("acct_pay_restored"));
        Assert.Equal(800m, cancel2.Amount("balc"));
        Assert.Equal("settlement_already_cancelled", again.GetProperty("code").GetString());
        await using (var db = _server.OpenDatabase())
        {
            Assert.Equal(800m, (await db.PersonalAccounts.SingleAsync(a => a.PsnNo == "3301000000000001")).Balance);
            var accumulator = await db.Accumulators.SingleAsync(a => a.PsnNo == "3301000000000001");
            Assert.Equal(0m, accumulator.DeductiblePaid);
            Assert.Equal(0m, accumulator.FundPaid);
        }

        // The reopened visit settles again, to the same amounts.
        var resettled = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{first}/settlement", new { })).JsonAsync(201);
        Assert.Equal(s1.Amount("acct_pay"), resettled.Amount("acct_pay"));
        Assert.NotEqual(s1.GetProperty("setl_id").GetString(), resettled.GetProperty("setl_id").GetString());
    }

    [Fact]
    public async Task CancelFees_OpenVisit_WithdrawsLinesSoNothingIsLeftToSettle()
    {
        var mdtrtId = await _client.RegisterAsync("3301000000000001", "H33010000001");
        await _client.UploadAsync(mdtrtId, Api.Line("XC08CAA001A001", 1.85m, 28), Api.Line("111100001", 25m, 1));

        var cancelled = await (await _client.SendAsync(HttpMethod.Delete, $"/api/visits/{mdtrtId}/fees")).JsonAsync(200);
        var settle = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).JsonAsync(422);

        Assert.Equal(2, cancelled.GetProperty("cancelled_lines").GetInt32());
        Assert.Equal("no_fee_lines", settle.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Settle_ResidentAtCommunityClinic_PaysNothingFromAnAccount()
    {
        var mdtrtId = await _client.RegisterAsync("3301000000000003", "H33010000003");
        await _client.UploadAsync(mdtrtId, Api.Line("330100005", 1280m, 1));

        var s = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).JsonAsync(201);

        // Resident outpatient: deductible 300, level-1 ratio 0.6, cap 1500, no personal account.
        Assert.Equal(300m, s.Amount("act_pay_dedc"));
        Assert.Equal(588m, s.Amount("hifp_pay"));
        Assert.Equal(0m, s.Amount("acct_pay"));
        Assert.Equal(692m, s.Amount("psn_cash_pay"));
    }

    [Fact]
    public async Task Settle_InternetHospitalFollowUp_SettlesLikeItsPhysicalInstitution()
    {
        // Zhang Wei is registered for hypertension (I10): his online visit for it is a follow-up.
        var online = await _client.RegisterAsync("3301000000000001", "H33010000002", disease: "I10");
        var offline = await _client.RegisterAsync("3301000000000001", "H33010000001", disease: "I10");
        var lines = new[] { Api.Line("XC08CAA001A001", 1.85m, 28), Api.Line("XC10AAA005A001", 3.6m, 28), Api.Line("111100001", 25m, 1) };
        await _client.UploadAsync(online, lines);
        await _client.UploadAsync(offline, lines);

        var a = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{online}/pre-settlement", new { })).JsonAsync(200);
        var b = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{offline}/pre-settlement", new { })).JsonAsync(200);

        Assert.Equal("online", a.GetProperty("channel").GetString());
        Assert.Equal("offline", b.GetProperty("channel").GetString());
        foreach (var name in SettlementJson.FieldNames)
        {
            Assert.Equal(b.Amount(name), a.Amount(name));
        }

        Assert.Equal(b.GetProperty("lines").GetRawText(), a.GetProperty("lines").GetRawText().Replace(online, offline, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Register_OnlineFirstVisit_IsRefused()
    {
        var refused = await (await _client.SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = "3301000000000001", fixmedins_code = "H33010000002", med_type = "11", visit_kind = "first" })).JsonAsync(422);
        var mismatch = await (await _client.SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = "3301000000000001", fixmedins_code = "H33010000001", med_type = "11", channel = "online" })).JsonAsync(422);

        Assert.Equal("online_first_visit", refused.GetProperty("code").GetString());
        Assert.Equal("channel_mismatch", mismatch.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("3301000000000002", "H11010000001", "longTerm")] // Li Na, resettled to Beijing
    [InlineData("3301000000000005", "H11010000001", "temporaryFiled")] // Chen Jie, referral from 2026-10-01
    [InlineData("1101000000000004", "H33010000001", "unfiled")] // Liu Yang, from Beijing, no filing
    [InlineData("3301000000000006", "H11010000001", "unfiled")]
    [InlineData("3301000000000001", "H33010000001", "none")]
    public async Task Register_VisitOutsideTheInsuredArea_ResolvesTheFilingValidThatDay(string psnNo, string institution, string filing)
    {
        var visit = await (await _client.SendAsync(HttpMethod.Post, "/api/visits", new { psn_no = psnNo, fixmedins_code = institution, med_type = "11" })).JsonAsync(201);
        Assert.Equal(filing, visit.GetProperty("filing").GetString());
    }

    [Fact]
    public async Task Settle_CrossRegion_UsesTreatmentCatalogueAndInsuredPolicy()
    {
        // Chen Jie (Hangzhou resident insurance) treated in Beijing under a temporary filing:
        // Beijing's catalogue (blood glucose test is class A there), Hangzhou's resident policy less 10 points.
        var mdtrtId = await _client.RegisterAsync("3301000000000005", "H11010000001");
        await _client.UploadAsync(mdtrtId, Api.Line("250301001", 12m, 50));

        var s = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{mdtrtId}/settlement", new { })).JsonAsync(201);

        Assert.Equal("330100", s.GetProperty("insuplc_admdvs").GetString());
        Assert.Equal("110100", s.GetProperty("mdtrt_area_admvs").GetString());
        Assert.Equal(0m, s.Amount("preselfpay_amt"));
        Assert.Equal(300m, s.Amount("act_pay_dedc"));
        Assert.Equal(0.3m, s.Amount("ratio"));
        Assert.Equal(90m, s.Amount("hifp_pay"));
    }

    [Fact]
    public async Task DailyTotals_AfterSettlingAndCancelling_CountBothAndNet()
    {
        var a = await _client.RegisterAsync("3301000000000001", "H33010000001");
        await _client.UploadAsync(a, Api.Line("330100005", 1280m, 1));
        var sa = await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{a}/settlement", new { })).JsonAsync(201);
        var b = await _client.RegisterAsync("3301000000000003", "H33010000001");
        await _client.UploadAsync(b, Api.Line("XC08CAA001A001", 1.85m, 28));
        await (await _client.SendAsync(HttpMethod.Post, $"/api/visits/{b}/settlement", new { })).JsonAsync(201);
        await (await _client.SendAsync(HttpMethod.Post, $"/api/settlements/{sa.GetProperty("setl_id").GetString()}/cancellation")).JsonAsync(200);

        var totals = await (await _client.SendAsync(HttpMethod.Get, "/api/institutions/H33010000001/daily-totals?date=2026-11-22")).JsonAsync(200);
        var other = await (await _client.SendAsync(HttpMethod.Get, "/api/institutions/H33010000003/daily-totals?date=2026-11-22")).JsonAsync(200);

        Assert.Equal(2, totals.GetProperty("settled").GetProperty("count").GetInt32());
        Assert.Equal(1331.80m, totals.GetProperty("settled").Amount("medfee_sumamt"));
        Assert.Equal(1, totals.GetProperty("cancelled").GetProperty("count").GetInt32());
        Assert.Equal(51.80m, totals.GetProperty("net").Amount("medfee_sumamt"));
        Assert.Equal(0, other.GetProperty("settled").GetProperty("count").GetInt32());
        var hospital = _server.InstitutionClient("H33010000001");
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.SendAsync(HttpMethod.Get, "/api/institutions/H33010000003/daily-totals")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.CreateClient().SendAsync(HttpMethod.Get, "/api/institutions/H33010000001/daily-totals")).StatusCode);
    }
}
