using System.Text;
using Org.BouncyCastle.Crypto.Signers;
using Yibao.Application.Prescriptions;

namespace Yibao.Application.Tests.Prescriptions;

public sealed class NationalCryptoTests
{
    /// <summary>GB/T 32918's sample key pair on sm2p256v1.</summary>
    private const string PrivateKey = "3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8";
    private const string PublicKey = "0409F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13";
    private const string Text = "appId=H33010000001&data=ABCDEF&encType=SM4&signType=SM2&timestamp=1700000000000&key=secret";

    /// <summary>Made with BouncyCastle's own SM2Signer (user id 1234567812345678): DER, as its reference use gives it, and r‖s.</summary>
    private const string DerSignature = "3045022100E4F71078C0D1F2F9D27CE0FFE1A299E059A050DA6E896AB16D0F9164C43ED8680220454F23BDB2D8F9FB29EA4920EB2897B40B86D751C849F2FD06F282D6024E3EC3";
    private const string PlainSignature = "ozyWNcIL8ypqmsB0pdLd4Er9bYI0EdJp7uvWs7UklGEuqlg/Dg8Gctdm9MCwKH7dTuVHy1kVa1P6Vtk1hjaN4Q==";

    [Fact]
    public void Verify_TheFixedTestVector_VerifiesAndChangedBytesDoNot()
    {
        var key = NationalCrypto.PublicKey(PublicKey);
        var fromDer = Convert.ToBase64String(Plain(Convert.FromHexString(DerSignature)));

        Assert.Equal(PublicKey, NationalCrypto.PublicKeyOf(PrivateKey));
        Assert.True(NationalCrypto.Verify(key, Text, PlainSignature));
        Assert.True(NationalCrypto.Verify(key, Text, fromDer));
        Assert.False(NationalCrypto.Verify(key, Text.Replace("ABCDEF", "ABCDEE", StringComparison.Ordinal), PlainSignature));
        Assert.False(NationalCrypto.Verify(key, Text + " ", fromDer));
        Assert.False(NationalCrypto.Verify(key, Text, PlainSignature[..^4] + "AAA="));
        Assert.False(NationalCrypto.Verify(key, Text, "not base64"));
        Assert.False(NationalCrypto.Verify(NationalCrypto.PublicKey(NationalCrypto.NewKeyPair().PublicKey), Text, PlainSignature));
    }

    [Fact]
    public void Sign_AnyText_VerifiesWithItsOwnKeyOnly()
    {
        var (privateKey, publicKey) = NationalCrypto.NewKeyPair();
        var signature = NationalCrypto.Sign(NationalCrypto.PrivateKey(privateKey), "处方 rx=1");

        Assert.Equal(publicKey, NationalCrypto.PublicKeyOf(privateKey));
        Assert.Equal(64, Convert.FromBase64String(signature).Length);
        Assert.True(NationalCrypto.Verify(NationalCrypto.PublicKey(publicKey), "处方 rx=1", signature));
        Assert.False(NationalCrypto.Verify(NationalCrypto.PublicKey(PublicKey), "处方 rx=1", signature));
    }

    [Fact]
    public void Sm4_TheStandardsVector_EncryptsTheFirstBlockAsPublished()
    {
        var key = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");

        var cipher = NationalCrypto.Sm4(true, key, key);

        Assert.Equal("681EDF34D206965E86B3E94F536E4246", Convert.ToHexString(cipher)[..32]);
        Assert.Equal(key, NationalCrypto.Sm4(false, key, cipher));
    }

    [Fact]
    public void Encrypt_AJsonInput_RoundTripsUnderTheInstitutionsKeyOnly()
    {
        var key = NationalCrypto.Sm4Key("H33010000001app", "app-secret-of-the-hospital");
        const string json = """{"hiRxno":"RX1","drugs":[{"name":"氨氯地平"}]}""";

        var encData = NationalCrypto.Encrypt(key, json);

        Assert.Equal(16, key.Length);
        Assert.Matches("^[0-9A-F]+$", encData);
        Assert.Equal("""{"hiRxno":"RX1","drugs":[{"name":"\u6c28\u6c2f\u5730\u5e73"}]}""", NationalCrypto.Decrypt(key, encData));
        Assert.NotEqual(json, NationalCrypto.Decrypt(NationalCrypto.Sm4Key("H33010000001app", "another-secret"), encData));
        Assert.Null(NationalCrypto.Decrypt(key, "XYZ"));
    }

    [Fact]
    public void SignedText_TheTopLevelFields_AreSortedWithDataForEncDataAndTheSecretLast()
    {
        var fields = new Dictionary<string, string?>
        {
            ["timestamp"] = "1700000000000", ["encData"] = "ABCDEF", ["signData"] = "x", ["appId"] = "H33010000001", ["extra"] = "y", ["signType"] = "SM2", ["encType"] = "SM4", ["version"] = "",
        };

        Assert.Equal(Text, NationalCrypto.SignedText(fields, "secret"));
    }

    private static byte[] Plain(byte[] der)
    {
        var order = NationalCrypto.Curve.N;
        var rs = StandardDsaEncoding.Instance.Decode(order, der);
        return PlainDsaEncoding.Instance.Encode(order, rs[0], rs[1]);
    }
}
