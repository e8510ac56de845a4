using System.Globalization;
using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Paddings;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Yibao.Application.Prescriptions;

/// <summary>
/// The national e-prescription transport's cryptography (<c>spec/e-prescription.md</c>, "Hospital-side
/// transport"), with BouncyCastle's SM2, SM3 and SM4: nothing here is hand-written cryptography.
/// </summary>
/// <remarks>
/// The spec says only that the SM4 key "is derived from the institution's appId and appSecret". We
/// derive it as the national platform's published web client does: SM4-ECB (PKCS#7) of the
/// appSecret under the appId's first 16 bytes, as upper-case hex, of which the first 16 characters
/// are the key. Signatures are SM3withSM2 with the default user id <c>1234567812345678</c>, as
/// r‖s (64 bytes) in Base64, which is what that client and <c>sm-crypto</c> produce.
/// </remarks>
public static class NationalCrypto
{
    public static readonly ECDomainParameters Curve = Sm2Curve();

    /// <summary>The SM4 key for an institution's <c>encData</c>.</summary>
    public static byte[] Sm4Key(string appId, string appSecret)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(appSecret);
        var derivingKey = Encoding.UTF8.GetBytes(appId.PadRight(16)[..16]);
        var hex = Convert.ToHexString(Sm4(true, derivingKey, Encoding.UTF8.GetBytes(appSecret)));
        return Encoding.ASCII.GetBytes(hex[..16]);
    }

    /// <summary><c>encData</c>: the JSON input, non-ASCII characters escaped as <c>\uXXXX</c>, SM4-ECB with PKCS#7, upper-case hex.</summary>
    public static string Encrypt(byte[] key, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var ascii = new StringBuilder(json.Length);
        foreach (var c in json)
        {
            ascii.Append(c > 127 ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c);
        }

        return Convert.ToHexString(Sm4(true, key, Encoding.ASCII.GetBytes(ascii.ToString())));
    }

    /// <summary>The JSON input of an <c>encData</c>; null when it is not hex, or does not decrypt under the key.</summary>
    public static string? Decrypt(byte[] key, string encData)
    {
        try
        {
            return Encoding.UTF8.GetString(Sm4(false, key, Convert.FromHexString(encData)));
        }
        catch (Exception e) when (e is FormatException or InvalidCipherTextException or DataLengthException)
        {
            return null;
        }
    }

    /// <summary>
    /// The text <c>signData</c> signs: the non-empty top-level fields but <c>signData</c>,
    /// <c>encData</c> and <c>extra</c>, with <c>data</c> standing for <c>encData</c>, as <c>k=v</c>
    /// sorted case-insensitively and joined with <c>&amp;</c>, then <c>&amp;key=</c> the appSecret.
    /// </summary>
    public static string SignedText(IReadOnlyDictionary<string, string?> fields, string appSecret)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var parts = fields
            .Select(f => f.Key == "encData" ? KeyValuePair.Create("data", f.Value) : f)
            .Where(f => f.Key is not ("signData" or "extra" or "encData") && !string.IsNullOrEmpty(f.Value))
            .OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase)
            .Select(f => $"{f.Key}={f.Value}");
        return string.Join('&', parts) + "&key=" + appSecret;
    }

    /// <summary>A new SM2 key pair: the private key as 64 hex digits, the public key as the uncompressed point (04‖x‖y) in hex.</summary>
    public static (string PrivateKey, string PublicKey) NewKeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Curve, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return (((ECPrivateKeyParameters)pair.Private).D.ToString(16).PadLeft(64, '0'), Convert.ToHexString(((ECPublicKeyParameters)pair.Public).Q.GetEncoded(false)));
    }

    public static ECPrivateKeyParameters PrivateKey(string hex) => new(new BigInteger(hex, 16), Curve);

    public static ECPublicKeyParameters PublicKey(string hex) => new(Curve.Curve.DecodePoint(Convert.FromHexString(hex)), Curve);

    /// <summary>The public key of a private key, in the form <see cref="NewKeyPair"/> gives.</summary>
    public static string PublicKeyOf(string privateKeyHex) => Convert.ToHexString(Curve.G.Multiply(new BigInteger(privateKeyHex, 16)).Normalize().GetEncoded(false));

    /// <summary>SM3withSM2 over the UTF-8 text, r‖s in Base64.</summary>
    public static string Sign(ECPrivateKeyParameters key, string text)
    {
        var signer = new SM2Signer(PlainDsaEncoding.Instance);
        signer.Init(true, new ParametersWithRandom(key, new SecureRandom()));
        var bytes = Encoding.UTF8.GetBytes(text);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return Convert.ToBase64String(signer.GenerateSignature());
    }

    /// <summary>Whether <paramref name="signature"/> (r‖s in Base64) is the key's SM3withSM2 signature of the text.</summary>
    public static bool Verify(ECPublicKeyParameters key, string text, string? signature)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(signature ?? "");
        }
        catch (FormatException)
        {
            return false;
        }

        if (raw.Length != 64)
        {
            return false;
        }

        var verifier = new SM2Signer(PlainDsaEncoding.Instance);
        verifier.Init(false, key);
        var bytes = Encoding.UTF8.GetBytes(text);
        verifier.BlockUpdate(bytes, 0, bytes.Length);
        return verifier.VerifySignature(raw);
    }

    /// <summary>SM4-ECB with PKCS#7 padding.</summary>
    public static byte[] Sm4(bool encrypt, byte[] key, byte[] input)
    {
        var cipher = new PaddedBufferedBlockCipher(new EcbBlockCipher(new SM4Engine()), new Pkcs7Padding());
        cipher.Init(encrypt, new KeyParameter(key));
        return cipher.DoFinal(input);
    }

    private static ECDomainParameters Sm2Curve()
    {
        var x9 = GMNamedCurves.GetByName("sm2p256v1");
        return new ECDomainParameters(x9.Curve, x9.G, x9.N, x9.H, x9.GetSeed());
    }
}
