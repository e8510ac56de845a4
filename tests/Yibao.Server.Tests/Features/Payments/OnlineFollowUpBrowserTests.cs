using Microsoft.Playwright;
using Yibao.Client;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Payments;

/// <summary>
/// A person in a real browser (Debian's Chromium, driven by Playwright) through an online follow-up:
/// the certificate QR is scanned by the internet hospital, which registers the visit and uploads the
/// fees and asks for a payment order (6201), all through the gateway; the person confirms and pays on the phone;
/// the settlement is then visible to both.
/// </summary>
[Collection(Yibao.Server.Tests.Features.Console.ConsoleBrowser.Collection)]
public sealed class OnlineFollowUpBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string PsnNo = "3301000000000001";
    private const string Certno = "330106196803140013";

    private static readonly FeeDetail[] Lines =
    [
        new("F1", "330100005", 1280m, 2m, 2560m),
        new("F2", "XC08CAA001A001", 1.85m, 28m, 51.80m),
    ];

    [Fact]
    public async Task Phone_OnlineFollowUp_FromQrCodeToAPaidSettlementSeenOnBothSides()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (.ci/run does).");
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:PaymentSweepSeconds"] = "0" }, kestrel: true);
        var http = server.HisClient();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var phone = await browser.NewPageAsync(new() { BaseURL = http.BaseAddress!.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });

        // The person signs in on the phone and shows the certificate.
        await phone.GotoAsync("/me/sign-in");
        await phone.FillAsync("input[name=certno]", Certno);
        await phone.FillAsync("input[name=code]", "888888");
        await phone.ClickAsync("button[type=submit]");
        await phone.ArriveAtAsync("**/me/certificate");
        var qrCode = await phone.GetAttributeAsync("#qr", "data-content");
        Assert.False(string.IsNullOrEmpty(qrCode));

        // The internet hospital scans it, checks the face, registers the follow-up, uploads the fees and orders the payment.
        var his = new GatewayClient(server.CreateClient(), GatewayIdentity.Demo("H33010000002", "330100"), server.Clock);
        await his.SignInAsync();
        var (ecToken, message) = await his.DecodeQrCodeAsync(qrCode!);
        Assert.True(ecToken is not null, message);
        Assert.True((await his.VerifyFaceAsync(ecToken, "demo-face-ok")).Verified);
        var mdtrtId = (await his.RegisterAsync(PsnNo, "310", "330100", "01", ecToken, visitKind: "followUp")).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        (await his.CallAsync("2203", new { mdtrtinfo = new { mdtrt_id = mdtrtId, psn_no = PsnNo, med_type = "11", dise_codg = "I10", dise_name = "Hypertension" } })).Expect();
        (await his.UploadFeesAsync(mdtrtId, PsnNo, Lines)).Expect();
        var order = (await his.PaymentOrderAsync(mdtrtId, PsnNo, "01", ecToken, deliveryFee: 6m)).Expect();
        var cashTotal = order.GetProperty("cash_pay_amt").GetDecimal();

        // The order reaches the phone; the person confirms and pays the cash part.
        await phone.GotoAsync(order.GetProperty("pay_url").GetString()!);
        Assert.Equal("created", await phone.GetAttributeAsync("#state", "data-status"));
        Assert.Equal($"{cashTotal:0.00}", await phone.TextContentAsync("#cash-total"));
        await phone.ClickAsync("#confirm");
        await phone.ArriveAtAsync("**/sim-pay/**");
        Assert.Equal($"¥{cashTotal:0.00}", await phone.TextContentAsync("#amount"));
        await phone.ClickAsync("#pay");
        await phone.ArriveAtAsync($"**/me/orders/{order.GetProperty("pay_ord_id").GetString()}");
        Assert.Equal("settled", await phone.GetAttributeAsync("#state", "data-status"));
        await phone.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "online-follow-up-paid.png"), FullPage = true });

        // Both sides see the same settlement.
        await phone.GotoAsync("/me/settlements");
        var settlements = await phone.ContentAsync();
        var setlId = order.GetProperty("setl_id").GetString()!;
        var setlinfo = (await his.QuerySettlementAsync(setlId, mdtrtId, PsnNo)).Expect().GetProperty("setlinfo");
        Assert.Contains("线上 online", settlements, StringComparison.Ordinal);
        Assert.Contains($"{order.GetProperty("fund_pay").GetDecimal():0.00}", settlements, StringComparison.Ordinal);
        Assert.Contains($"{order.GetProperty("own_pay_amt").GetDecimal():0.00}", settlements, StringComparison.Ordinal);
        Assert.Equal(order.GetProperty("fund_pay").GetDecimal(), setlinfo.GetProperty("fund_pay_sumamt").GetDecimal());
        Assert.Equal(order.GetProperty("psn_acct_pay").GetDecimal(), setlinfo.GetProperty("acct_pay").GetDecimal());
        Assert.Equal(order.GetProperty("own_pay_amt").GetDecimal(), setlinfo.GetProperty("psn_cash_pay").GetDecimal());
    }
}
