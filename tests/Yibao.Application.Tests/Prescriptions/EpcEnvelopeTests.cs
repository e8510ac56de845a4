using System.Text.Json.Nodes;
using Yibao.Application.Prescriptions;

namespace Yibao.Application.Tests.Prescriptions;

public sealed class EpcEnvelopeTests
{
    private const string AppId = "H33010000001EPC01";
    private const string Secret = "a-secret-issued-to-the-hospital";
    private const string Input = """{"hiRxno":"HIRX0001","drugs":[{"medListCodg":"XC08CAA001A001","drugGenname":"氨氯地平"}]}""";
    private static readonly (string Private, string Public) Keys = NationalCrypto.NewKeyPair();

    private static EpcApp? Registered(string appId) => appId == AppId ? new EpcApp(AppId, Secret, NationalCrypto.PublicKey(Keys.Public)) : null;

    private static string Sealed() => EpcEnvelope.Seal(AppId, Secret, NationalCrypto.PrivateKey(Keys.Private), Input, 1_700_000_000_000);

    [Fact]
    public void Open_ASealedBody_RoundTripsTheInput()
    {
        var body = JsonNode.Parse(Sealed())!.AsObject();

        var opened = EpcEnvelope.Open(body.ToJsonString(), Registered);

        Assert.Equal(("SM4", "SM2"), ((string?)body["encType"], (string?)body["signType"]));
        Assert.True(opened.IsSuccess, opened.IsSuccess ? "" : opened.Error.ToString());
        Assert.Equal((AppId, 1_700_000_000_000L), (opened.Value.AppId, opened.Value.Timestamp));
        Assert.Equal(Input, System.Text.RegularExpressions.Regex.Unescape(opened.Value.Data));
    }

    [Theory]
    [InlineData("encData")]
    [InlineData("timestamp")]
    [InlineData("signData")]
    public void Open_AChangedField_IsRefusedAsUnsigned(string field)
    {
        var body = JsonNode.Parse(Sealed())!.AsObject();
        body[field] = field switch
        {
            "timestamp" => 1_700_000_000_001,
            "encData" => ((string)body["encData"]!)[..^2] + (((string)body["encData"]!).EndsWith("00", StringComparison.Ordinal) ? "11" : "00"),
            _ => NationalCrypto.Sign(NationalCrypto.PrivateKey(NationalCrypto.NewKeyPair().PrivateKey), "anything"),
        };

        Assert.Equal("epc_signature_invalid", EpcEnvelope.Open(body.ToJsonString(), Registered).Refusal());
    }

    [Fact]
    public void Open_AnUnknownAppOrAMalformedBody_IsRefusedWithItsCode()
    {
        var other = JsonNode.Parse(EpcEnvelope.Seal("SOMEONE", Secret, NationalCrypto.PrivateKey(Keys.Private), Input, 1))!.ToJsonString();

        Assert.Equal("epc_unknown_app", EpcEnvelope.Open(other, Registered).Refusal());
        Assert.Equal("epc_malformed", EpcEnvelope.Open("{", Registered).Refusal());
        Assert.Equal("epc_malformed", EpcEnvelope.Open("""{"appId":"H33010000001EPC01","encType":"AES","signType":"SM2","timestamp":1,"encData":"00","signData":"x"}""", Registered).Refusal());
        Assert.Equal("epc_signature_invalid", EpcEnvelope.Open(EpcEnvelope.Seal(AppId, "another-secret", NationalCrypto.PrivateKey(Keys.Private), Input, 1), Registered).Refusal());
    }
}
