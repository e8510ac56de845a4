using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Yibao.Client;
using Yibao.Server.Tests.Features.Gateway;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.ECertificate;

public sealed class ECertificateTests : IAsyncLifetime
{
    private const string ZhangWei = "3301000000000001", ZhangWeiCertno = "330106196803140013";
    private YibaoServer _server = null!;

    public async Task InitializeAsync() => _server = await YibaoServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<HttpClient> PhoneAsync(string certno = ZhangWeiCertno) => Phone.SignInAsync(_server, certno);

    private static Task<string> QrAsync(HttpClient phone) => Phone.QrAsync(phone);

    [Fact]
    public async Task CertificatePage_SignedInPerson_ShowsTheirNameAndAQrCodeThatRefreshes()
    {
        var phone = await PhoneAsync();

        var page = await phone.GetStringAsync("/me/certificate");

        Assert.Contains("Zhang Wei", page, StringComparison.Ordinal);
        Assert.Contains("3301**********0013", page, StringComparison.Ordinal);
        Assert.Contains("<img id=\"qr\" src=\"data:image/png;base64,", page, StringComparison.Ordinal);
        Assert.Contains("/me/certificate/qr.json", page, StringComparison.Ordinal);
        Assert.NotEqual(await QrAsync(phone), await QrAsync(phone));
    }

    [Fact]
    public async Task SettlementsPage_ShowsTheirOwnSettlementsWithTheSplit()
    {
        var client = _server.HisClient();
        var visit = await client.RegisterAsync(ZhangWei, "H33010000001");
        await client.UploadAsync(visit, Api.Line("330100005", 1280m, 1));
        var settled = await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/settlement", new { })).JsonAsync(201);
        var cancelledVisit = await client.RegisterAsync(ZhangWei, "H33010000003");
        await client.UploadAsync(cancelledVisit, Api.Line("XC08CAA001A001", 1.85m, 28));
        var toCancel = await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{cancelledVisit}/settlement", new { })).JsonAsync(201);
        await (await client.SendAsync(HttpMethod.Post, $"/api/settlements/{toCancel.GetProperty("setl_id").GetString()}/cancellation")).JsonAsync(200);
        var someoneElse = await client.RegisterAsync("3301000000000003", "H33010000003");
        await client.UploadAsync(someoneElse, Api.Line("XC08CAA001A001", 9.99m, 1));
        await (await client.SendAsync(HttpMethod.Post, $"/api/visits/{someoneElse}/settlement", new { })).JsonAsync(201);

        var page = await (await PhoneAsync()).GetStringAsync("/me/settlements");

        Assert.Contains("Hangzhou First People&#39;s Hospital", page, StringComparison.Ordinal);
        Assert.Contains($"<dd>{settled.Amount("fund_pay_sumamt"):0.00}</dd>", page, StringComparison.Ordinal);
        Assert.Contains($"<dd>{settled.Amount("acct_pay"):0.00}</dd>", page, StringComparison.Ordinal);
        Assert.Contains("cancelled", page, StringComparison.Ordinal);
        Assert.DoesNotContain("9.99", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongCodeOrNoSession_NoCertificate()
    {
        var anonymous = _server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var redirected = await anonymous.GetAsync("/me/certificate");
        var form = await (await anonymous.GetAsync("/me/sign-in")).Content.ReadAsStringAsync();
        var wrong = await anonymous.PostAsync("/me/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Phone.AntiforgeryField().Match(form).Groups[1].Value,
            ["certno"] = ZhangWeiCertno,
            ["code"] = "000000",
        }));

        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.StartsWith("/me/sign-in", redirected.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("not right", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/me/certificate/qr.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/me/settlements")).StatusCode);
    }

    [Fact]
    public async Task ECertificate_ScannedAtAnInstitution_SettlesAVisitWithCertType01()
    {
        var phone = await PhoneAsync();
        var his = await GatewayFixture.SignedInAsync(_server, "H33010000001");
        var (ecToken, message) = await his.DecodeQrCodeAsync(await QrAsync(phone));
        Assert.True(ecToken is not null, message);

        var info = (await his.PersonInfoAsync("01", ecToken)).Expect();
        var mdtrtId = (await his.RegisterAsync(ZhangWei, "310", "330100", "01", ecToken)).Expect().GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        (await his.UploadFeesAsync(mdtrtId, ZhangWei, [FeeDetail.Of("1", "XC08CAA001A001", 1.85m, 28m)])).Expect();
        var settled = (await his.SettleAsync(new SettleRequest(mdtrtId, ZhangWei, "310", "330100", "11", 51.80m, "01", ecToken))).Expect();

        Assert.Equal(ZhangWei, info.GetProperty("baseinfo").GetProperty("psn_no").GetString());
        Assert.Equal("01", settled.GetProperty("setlinfo").GetProperty("mdtrt_cert_type").GetString());
        Assert.Equal(51.80m, settled.GetProperty("setlinfo").GetProperty("acct_pay").GetDecimal());
    }

    [Fact]
    public async Task Decode_SameQrCodeTwice_SecondIsRefused()
    {
        var qr = await QrAsync(await PhoneAsync());
        var his = GatewayFixture.Client(_server, "H33010000001");

        var first = await his.DecodeQrCodeAsync(qr);
        var second = await his.DecodeQrCodeAsync(qr);
        var elsewhere = await GatewayFixture.Client(_server, "H33010000003").DecodeQrCodeAsync(qr);

        Assert.NotNull(first.EcToken);
        Assert.Null(second.EcToken);
        Assert.Contains("already used", second.Message, StringComparison.Ordinal);
        Assert.Null(elsewhere.EcToken);
    }

    [Fact]
    public async Task Decode_ExpiredOrTamperedOrForeignQrCode_IsRefused()
    {
        var phone = await PhoneAsync();
        var his = GatewayFixture.Client(_server, "H33010000001");
        var expiring = await QrAsync(phone);
        var genuine = await QrAsync(phone);
        var tampered = genuine[..^3] + (genuine[^3] == 'A' ? "B" : "A") + genuine[^2..];

        Assert.Contains("signature", (await his.DecodeQrCodeAsync(tampered)).Message, StringComparison.Ordinal);
        Assert.Contains("not a Yibao", (await his.DecodeQrCodeAsync("https://example.com/not-a-certificate")).Message, StringComparison.Ordinal);
        _server.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Contains("expired", (await his.DecodeQrCodeAsync(expiring)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EcToken_AtAnotherInstitutionAfterExpiryOrForAnotherPerson_IsRefused()
    {
        var phone = await PhoneAsync();
        var his = await GatewayFixture.SignedInAsync(_server, "H33010000001");
        var other = await GatewayFixture.SignedInAsync(_server, "H33010000003");
        var (ecToken, _) = await his.DecodeQrCodeAsync(await QrAsync(phone));

        var atOther = await other.PersonInfoAsync("01", ecToken!);
        var forOtherPerson = await his.RegisterAsync("3301000000000006", "310", "330100", "01", ecToken!);
        var forged = await his.PersonInfoAsync("01", new string('a', 48));
        _server.Clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await his.PersonInfoAsync("01", ecToken!);

        Assert.Contains("ectoken_invalid", atOther.ErrMsg, StringComparison.Ordinal);
        Assert.Contains("another person", forOtherPerson.ErrMsg, StringComparison.Ordinal);
        Assert.Contains("ectoken_invalid", forged.ErrMsg, StringComparison.Ordinal);
        Assert.Contains("ectoken_invalid", expired.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_SignedWithAWrongToken_IsRefused()
    {
        var qr = await QrAsync(await PhoneAsync());
        var impostor = new GatewayClient(_server.CreateClient(), GatewayIdentity.Demo("H33010000001", "330100") with { Token = "guess" }, _server.Clock);
        var (token, message) = await impostor.DecodeQrCodeAsync(qr);

        Assert.Null(token);
        Assert.Contains("Authentication failed", message, StringComparison.Ordinal);
    }
}
