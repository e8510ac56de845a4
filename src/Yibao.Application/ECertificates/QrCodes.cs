using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Yibao.Storage;

namespace Yibao.Application.ECertificates;

/// <summary>What a valid QR code says: whose it is, which code it is, until when.</summary>
public sealed record QrClaims(string PsnNo, string Nonce, DateTimeOffset ExpiresAt);

/// <summary>
/// The dynamic QR code of the electronic insurance certificate: <c>YBQR1.</c> + psn_no, a nonce and
/// the expiry, signed with HMAC-SHA256 under a key derived from the platform's credential key. It
/// proves nothing by itself: an institution decodes it (once) into an ecToken.
/// </summary>
public sealed class QrCodes(CredentialProtector protector, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private const string Prefix = "YBQR1.";
    private readonly byte[] _key = protector.DeriveKey("yibao.ecert.qr");

    public (string Content, DateTimeOffset ExpiresAt) Issue(string psnNo)
    {
        var expires = clock.GetUtcNow().Add(Lifetime);
        var payload = $"{psnNo}|{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}|{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        var encoded = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        return (Prefix + encoded + "." + Base64Url.EncodeToString(Mac(encoded)), expires);
    }

    /// <summary>The claims of a genuine, unexpired code; null with the reason otherwise.</summary>
    public QrClaims? Read(string content, out string reason)
    {
        reason = "";
        var parts = content.StartsWith(Prefix, StringComparison.Ordinal) ? content[Prefix.Length..].Split('.') : [];
        if (parts.Length != 2 || !Base64Url.IsValid(parts[0]) || !Base64Url.IsValid(parts[1]))
        {
            reason = "This is not a Yibao insurance certificate QR code.";
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(Mac(parts[0]), Base64Url.DecodeFromChars(parts[1])))
        {
            reason = "The QR code's signature is not valid.";
            return null;
        }

        var fields = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])).Split('|');
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields[2], CultureInfo.InvariantCulture));
        if (clock.GetUtcNow() > expires)
        {
            reason = "The QR code has expired: ask the person to refresh it.";
            return null;
        }

        return new QrClaims(fields[0], fields[1], expires);
    }

    private byte[] Mac(string encodedPayload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(encodedPayload));
}
