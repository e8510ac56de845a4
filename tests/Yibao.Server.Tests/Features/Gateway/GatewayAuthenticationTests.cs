using System.Net;
using System.Text.Json.Nodes;
using Yibao.Client;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Gateway;

public sealed class GatewayAuthenticationTests : IAsyncLifetime
{
    private YibaoServer _server = null!;
    private GatewayClient _his = null!;

    public async Task InitializeAsync()
    {
        _server = await YibaoServer.StartAsync();
        _his = await GatewayFixture.SignedInAsync(_server, "H33010000001");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string PersonInfoEnvelope(string? msgid = null) =>
        _his.Envelope("1101", msgid ?? _his.NextMsgId(), JsonNode.Parse("""{"data":{"mdtrt_cert_type":"03","mdtrt_cert_no":"330106196803140013","card_sn":"SSC3301000000000001"}}""")).ToJsonString();

    private async Task<GatewayResult> SendAsync(string body, IReadOnlyDictionary<string, string> headers)
    {
        using var response = await _his.SendAsync(body, headers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return GatewayClient.Parse(await response.Content.ReadAsStringAsync(), "");
    }

    [Fact]
    public async Task Call_CorrectlySigned_Succeeds()
    {
        var result = await SendAsync(PersonInfoEnvelope(), _his.Sign());
        Assert.True(result.IsSuccess, result.ErrMsg);
    }

    [Fact]
    public async Task Call_TamperedSignature_IsRefused()
    {
        var headers = new Dictionary<string, string>(_his.Sign()) { ["x-tif-signature"] = new string('0', 64) };
        var result = await SendAsync(PersonInfoEnvelope(), headers);
        Assert.Equal(-1, result.Infcode);
        Assert.Contains("x-tif-signature", result.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_SignedWithAnotherInstitutionsToken_IsRefused()
    {
        var result = await SendAsync(PersonInfoEnvelope(), _his.Sign(token: "demo-H33010000003"));
        Assert.Equal(-1, result.Infcode);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task Call_TimestampOutsideTheWindow_IsRefused(int seconds)
    {
        var result = await SendAsync(PersonInfoEnvelope(), _his.Sign(at: _server.Clock.GetUtcNow().AddSeconds(seconds)));
        Assert.Equal(-1, result.Infcode);
        Assert.Contains("x-tif-timestamp", result.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_TimestampJustInsideTheWindow_IsAccepted()
    {
        var result = await SendAsync(PersonInfoEnvelope(), _his.Sign(at: _server.Clock.GetUtcNow().AddSeconds(-299)));
        Assert.True(result.IsSuccess, result.ErrMsg);
    }

    [Fact]
    public async Task Call_ReusedNonce_IsRefusedEvenWithANewMessage()
    {
        var headers = _his.Sign(nonce: "same-nonce-twice");
        var first = await SendAsync(PersonInfoEnvelope(), headers);
        var second = await SendAsync(PersonInfoEnvelope(), _his.Sign(nonce: "same-nonce-twice"));

        Assert.True(first.IsSuccess, first.ErrMsg);
        Assert.Equal(-1, second.Infcode);
        Assert.Contains("nonce", second.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ReplayedWholeWithItsNonce_IsRefusedNotAnsweredAgain()
    {
        var body = PersonInfoEnvelope();
        var first = await SendAsync(body, _his.Sign(nonce: "replayed-whole"));
        var replay = await SendAsync(body, _his.Sign(nonce: "replayed-whole"));
        var retry = await SendAsync(body, _his.Sign());

        Assert.True(first.IsSuccess, first.ErrMsg);
        Assert.Contains("x-tif-nonce was already used", replay.ErrMsg, StringComparison.Ordinal);
        Assert.True(retry.IsSuccess, retry.ErrMsg); // the same message with a new nonce: its stored answer
    }

    [Fact]
    public async Task Call_RefusedOnce_ItsNonceCannotBeUsedAgain()
    {
        var refused = _his.Envelope("1101", _his.NextMsgId(), JsonNode.Parse("""{"data":{"mdtrt_cert_type":"02","mdtrt_cert_no":"000000000000000000"}}""")).ToJsonString();
        var first = await SendAsync(refused, _his.Sign(nonce: "refused-once"));
        var second = await SendAsync(PersonInfoEnvelope(), _his.Sign(nonce: "refused-once"));

        Assert.Equal(-1, first.Infcode);
        Assert.DoesNotContain("nonce", first.ErrMsg, StringComparison.Ordinal);
        Assert.Contains("x-tif-nonce was already used", second.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_MissingHeadersOrUnknownPaasid_IsRefused()
    {
        var none = await SendAsync(PersonInfoEnvelope(), new Dictionary<string, string>());
        var stranger = new GatewayClient(_server.CreateClient(), new GatewayIdentity("H33010000001", "x", "330100", "nobody", "demo-H33010000001"), _server.Clock);
        using var response = await stranger.SendAsync(PersonInfoEnvelope(), stranger.Sign());

        Assert.Equal(-1, none.Infcode);
        Assert.Equal(-1, GatewayClient.Parse(await response.Content.ReadAsStringAsync(), "").Infcode);
    }

    [Fact]
    public async Task Call_EnvelopeForAnotherInstitutionOrArea_IsRefused()
    {
        var other = _his.Envelope("1101", "H33010000003" + "20261122100000" + "0001", JsonNode.Parse("""{"data":{"mdtrt_cert_type":"03","mdtrt_cert_no":"330106196803140013","card_sn":"SSC3301000000000001"}}"""));
        other["fixmedins_code"] = "H33010000003";
        var area = JsonNode.Parse(PersonInfoEnvelope())!.AsObject();
        area["mdtrtarea_admvs"] = "110100";

        var a = await SendAsync(other.ToJsonString(), _his.Sign());
        var b = await SendAsync(area.ToJsonString(), _his.Sign());

        Assert.Contains("is not the institution of this x-tif-paasid", a.ErrMsg, StringComparison.Ordinal);
        Assert.Contains("mdtrtarea_admvs 110100", b.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithoutSignIn_IsRefusedUntilSignedIn()
    {
        var fresh = GatewayFixture.Client(_server, "H33010000003");
        var before = await fresh.PersonInfoAsync("03", "330106199007210037", "SSC3301000000000003");
        await fresh.SignInAsync();
        var after = await fresh.PersonInfoAsync("03", "330106199007210037", "SSC3301000000000003");

        Assert.Contains("9001", before.ErrMsg, StringComparison.Ordinal);
        Assert.True(after.IsSuccess, after.ErrMsg);
    }

    [Fact]
    public async Task Call_LenientClients_InputAsStringAndOpterTypeAsNumber_AreAccepted()
    {
        var envelope = JsonNode.Parse(PersonInfoEnvelope())!.AsObject();
        envelope["input"] = envelope["input"]!.ToJsonString();
        envelope["opter_type"] = 1;

        var result = await SendAsync(envelope.ToJsonString(), _his.Sign());

        Assert.True(result.IsSuccess, result.ErrMsg);
        Assert.Equal("3301000000000001", result.Output.GetProperty("baseinfo").GetProperty("psn_no").GetString());
    }

    [Theory]
    [InlineData("msgid", "H33010000001202611221000000001X")] // 31 characters
    [InlineData("msgid", "H3301 20261122")] // a space
    [InlineData("msgid", "H3301\t20261122")] // a control character
    [InlineData("infver", "V2.0")]
    [InlineData("infver", "VV1.0")]
    [InlineData("recer_sys_code", "a receiving system named in more than fifty characters")]
    [InlineData("inf_time", "2026-11-22T10:00:00")]
    [InlineData("infno", "22070")]
    [InlineData("infno", "9999")]
    [InlineData("opter_type", "7")]
    [InlineData("mdtrtarea_admvs", "33010")]
    [InlineData("insuplc_admdvs", "3301AB")]
    [InlineData("recer_sys_code", "")]
    [InlineData("opter_name", null)]
    public async Task Call_EnvelopeFieldOutOfRule_IsRefusedWithTheFieldNamed(string field, string? value)
    {
        var envelope = JsonNode.Parse(PersonInfoEnvelope())!.AsObject();
        if (value is null)
        {
            envelope.Remove(field);
        }
        else
        {
            envelope[field] = value;
        }

        var result = await SendAsync(envelope.ToJsonString(), _his.Sign());

        Assert.Equal(-1, result.Infcode);
        Assert.Contains(field == "infno" && value == "9999" ? "9999" : field, result.ErrMsg, StringComparison.Ordinal);
    }
}
