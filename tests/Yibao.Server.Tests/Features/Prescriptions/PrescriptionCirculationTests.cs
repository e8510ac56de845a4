using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Prescriptions;
using Yibao.Client;
using Yibao.Server.Tests.Features.Gateway;
using Yibao.Testing;
using static Yibao.Testing.Prescribing;

namespace Yibao.Server.Tests.Features.Prescriptions;

/// <summary>
/// End to end through the doors: a hospital's and an internet hospital's prescriptions, written on
/// the e-prescription transports, shown on the patient's phone, dispensed and settled at pharmacies
/// through the gateway at the prescriber's level; the hospital's queries see it happen.
/// </summary>
public sealed class PrescriptionCirculationTests
{
    private const string ZhangWei = "3301000000000001";
    private const string LiNa = "3301000000000002";

    [Fact]
    public async Task Circulation_AnOfflineAndAnInternetPrescription_DispensedAtPharmaciesSettleAtThePrescribersLevel()
    {
        await using var server = await YibaoServer.StartAsync();

        // Zhang Wei's hypertension prescription from the tertiary hospital, dispensed in Hangzhou.
        var offline = await PrescribeAsync(server, "H33010000001", ZhangWei, "I10", Drug("XC08CAA001A001", "Amlodipine", 28, 1.85m), Drug("XC10AAA005A001", "Atorvastatin", 28, 3.6m));
        FeeDetail[] offlineLines = [new("1", "XC08CAA001A001", 1.85m, 28m, 51.80m), new("2", "XC10AAA005A001", 3.6m, 28m, 100.80m)];
        var hangzhou = await GatewayFixture.SignedInAsync(server, "P33010000001");
        var first = await DispenseAsync(hangzhou, await QrAsync(await Phone.SignInAsync(server, "330106196803140013"), offline), ZhangWei, "330100", offlineLines);

        // Li Na's diabetes follow-up at the internet hospital (relying on the tertiary hospital), dispensed in Beijing where she lives.
        var online = await PrescribeAsync(server, "H33010000002", LiNa, "E11", Drug("XA10AEI032B001", "Insulin glargine", 2, 75m, frequency: "prn"));
        FeeDetail[] onlineLines = [new("1", "XA10AEI032B001", 75m, 2m, 150m)];
        var beijing = await GatewayFixture.SignedInAsync(server, "P11010000001", "110100");
        var second = await DispenseAsync(beijing, await QrAsync(await Phone.SignInAsync(server, "330106195511020023"), online), LiNa, "330100", onlineLines);

        var expectedFirst = GatewayFixture.Engine(ZhangWei, "330100", 3, "14", Domain.Codes.Channel.Offline, offlineLines);
        var expectedSecond = GatewayFixture.Engine(LiNa, "110100", 3, "14", Domain.Codes.Channel.Offline, onlineLines);
        Assert.Equal((expectedFirst.MedfeeSumamt, expectedFirst.FundPaySumamt, expectedFirst.AcctPay, expectedFirst.PsnCashPay),
            (first.Amount("medfee_sumamt"), first.Amount("fund_pay_sumamt"), first.Amount("acct_pay"), first.Amount("psn_cash_pay")));
        Assert.Equal((expectedSecond.MedfeeSumamt, expectedSecond.FundPaySumamt, expectedSecond.AcctPay, expectedSecond.PsnCashPay, expectedSecond.OverlmtSelfpay),
            (second.Amount("medfee_sumamt"), second.Amount("fund_pay_sumamt"), second.Amount("acct_pay"), second.Amount("psn_cash_pay"), second.Amount("overlmt_selfpay")));
        Assert.NotEqual(GatewayFixture.Engine(ZhangWei, "330100", 1, "14", Domain.Codes.Channel.Offline, offlineLines).FundPaySumamt, first.Amount("fund_pay_sumamt"));

        // The pharmacies write off with each pack's code; the prescribers see their prescriptions dispensed and settled.
        (await hangzhou.CallAsync("7206", new { data = new { hi_rxno = offline, setl_id = first.GetProperty("setl_id").GetString() }, seltdelts = new[] { new { med_list_codg = "XC08CAA001A001", drug_trac_codg = "81000000000000000001" } } })).Expect();
        var hospital = server.InstitutionClient("H33010000001");
        var detail = await EpcAsync(hospital, "hospRxDetlQuery", new JsonObject { ["hiRxno"] = offline });
        var review = await EpcAsync(hospital, "rxChkInfoQuery", new JsonObject { ["hiRxno"] = offline });
        var settled = await EpcAsync(hospital, "rxSetlInfoQuery", new JsonObject { ["hiRxno"] = offline });
        var othersQuery = await EpcAsync(hospital, "hospRxDetlQuery", new JsonObject { ["hiRxno"] = online }, 404);

        Assert.Equal(("1", "3"), (detail.GetProperty("rxStasCodg").GetString(), detail.GetProperty("rxUsedStasCodg").GetString()));
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), e => e.GetProperty("event").GetString() == "writeoff" && e.GetProperty("actor").GetString() == "P33010000001");
        Assert.Equal(("1", "Pharmacist Qian"), (review.GetProperty("rxChkStasCodg").GetString(), review.GetProperty("pharName").GetString()));
        Assert.Equal(first.Amount("fund_pay_sumamt"), settled.GetProperty("fundPaySumamt").GetDecimal());
        Assert.Equal("81000000000000000001", settled.GetProperty("seltdelts")[0].GetProperty("drugTracCodg")[0].GetString());
        Assert.Equal("rx_not_found", othersQuery.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Circulation_ThePatientPagesAndAnotherPersonsQr_ShowOnlyTheirOwnAndRefuseTheRest()
    {
        await using var server = await YibaoServer.StartAsync();
        var hiRxno = await PrescribeAsync(server, "H33010000001", ZhangWei, "I10", Drug("XC08CAA001A001", "Amlodipine", 28, 1.85m));
        var zhang = await Phone.SignInAsync(server, "330106196803140013");
        var wang = await Phone.SignInAsync(server, "330106199007210037");

        var list = await zhang.GetStringAsync("/me/prescriptions");
        var page = await zhang.GetStringAsync($"/me/prescriptions/{hiRxno}");
        var notHers = await wang.GetAsync($"/me/prescriptions/{hiRxno}");
        var notHersQr = await wang.GetAsync($"/me/prescriptions/{hiRxno}/qr.json");

        Assert.Contains("Amlodipine", list, StringComparison.Ordinal);
        Assert.Contains("待取药 Ready to dispense", page, StringComparison.Ordinal);
        Assert.Contains("data-content=\"YBRX1.", page, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, notHers.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, notHersQr.StatusCode);

        // A pharmacy that uses Zhang Wei's QR twice, or asks for his prescription with Wang Fang's token.
        var pharmacy = await GatewayFixture.SignedInAsync(server, "P33010000001");
        var qr = await QrAsync(zhang, hiRxno);
        (await pharmacy.CallAsync("7201", new { data = new { epc_qrcd = qr } })).Expect();
        var again = await pharmacy.CallAsync("7201", new { data = new { epc_qrcd = qr } });
        var wangsToken = await Phone.FaceCheckedEcTokenAsync(server, pharmacy, "330106199007210037");
        var notHis = await pharmacy.CallAsync("7203", new { data = new { epc_token = wangsToken, hi_rxno = hiRxno } });

        Assert.StartsWith("[rx_pass_used]", again.ErrMsg, StringComparison.Ordinal);
        Assert.StartsWith("[rx_not_own_patient]", notHis.ErrMsg, StringComparison.Ordinal);
        await using var scope = server.Services.CreateAsyncScope();
        var view = (await scope.ServiceProvider.GetRequiredService<GetPrescriptionHandler>().HandleAsync(new GetPrescription(hiRxno, Yibao.Application.Viewer.Staff("test")), default)).Value;
        Assert.Contains(view.History, e => e.Fraud && e.Code == "rx_not_own_patient" && e.Actor == "P33010000001" && e.Door == "gateway");
    }

    [Fact]
    public async Task UploadChk_OnTheNationalTransport_AnswersSealedAndRefusesWithTheCheckCode()
    {
        await using var server = await YibaoServer.StartAsync();
        IssuedEpcApp app;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            app = (await scope.ServiceProvider.GetRequiredService<IssueEpcAppHandler>().HandleAsync(new IssueEpcApp("H33010000001", "test"), default)).Value;
            await scope.ServiceProvider.GetRequiredService<Storage.YibaoDbContext>().SaveChangesAsync();
        }

        var mdtrtId = await server.InstitutionClient("H33010000001").RegisterAsync(ZhangWei, "H33010000001", "14", disease: "I10");
        var client = server.CreateClient();
        async Task<(int Status, string Body)> PostAsync(JsonObject data)
        {
            var body = EpcEnvelope.Seal(app.AppId, app.AppSecret, NationalCrypto.PrivateKey(app.PrivateKey), data.ToJsonString(), server.Clock.GetUtcNow().ToUnixTimeMilliseconds());
            var response = await client.PostAsync(new Uri("/epc/api/fixmedins/uploadChk", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var (status, sealedAnswer) = await PostAsync(Document(mdtrtId, ZhangWei, "I10", false, server.Clock.GetUtcNow(), Drug("XC08CAA001A001", "Amlodipine", 28, 1.85m)));
        var platform = SigningCertificates.Read(await client.GetStringAsync(new Uri("/epc/api/ca", UriKind.Relative)));
        var opened = EpcEnvelope.Open(sealedAnswer, id => new EpcApp(app.AppId, app.AppSecret, (Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters)platform.GetPublicKey()));
        var tooMuch = await PostAsync(Document(mdtrtId, ZhangWei, "I10", false, server.Clock.GetUtcNow(), Drug("XA10BAA001A001", "Metformin", 90, 0.5m)));

        Assert.Equal(200, status);
        var data = JsonNode.Parse(opened.Value.Data)!["data"]!;
        Assert.Equal(20, ((string)data["rxTraceCode"]!).Length);
        Assert.StartsWith("RX", (string?)data["hiRxno"], StringComparison.Ordinal);
        Assert.Equal(422, tooMuch.Status);
        Assert.Equal("rx_quantity_over_course", (string?)JsonNode.Parse(tooMuch.Body)!["code"]);
    }
}
