using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Yibao.Storage;

namespace Yibao.Application.ECertificates;

/// <summary>What a valid QR code says: whose it is, which code it is, until when.</summary>
public sealed record QrClaims(string PsnNo, string Nonce, DateTimeOffset ExpiresAt);

/// <summary>
/// The dynamic QR codes: the electronic insurance certificate's, and a prescription's (<c>YBRX1.</c>,
/// whose subject is psn_no/hi_rxno). The certificate's: <c>YBQR1.</c> + psn_no, a nonce and
/// the expiry, signed with HMAC-SHA256 under a key derived from the platform's credential key, and,
/// on a node of a federation, the node's id: a treatment node that cannot check another node's code
/// knows where to send it (the id is signed too). It proves nothing by itself: an institution decodes
/// it (once) into an ecToken.
/// </summary>
public sealed class QrCodes(CredentialProtector protector, TimeProvider clock, Microsoft.Extensions.Options.IOptions<YibaoOptions> options)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>The refusal of a code decoded before, wherever it was scanned.</summary>
    public static Domain.DomainError Used => Domain.Persons.PersonErrors.QrUsed.With("The QR code was already used: ask the person to show a fresh one.");
    private const string Prefix = "YBQR1.";
    private const string PrescriptionPrefix = "YBRX1.";
    private readonly byte[] _key = protector.DeriveKey("yibao.ecert.qr");

    public (string Content, DateTimeOffset ExpiresAt) Issue(string psnNo) =>
        Issue(Prefix, psnNo, options.Value.Federation.IsNode ? options.Value.Federation.NodeId : null);

    /// <summary>
    /// The node a certificate's code says it comes from, read without checking it (only its node
    /// can): where to send it to be decoded. Null when it names none, or is no certificate's code.
    /// </summary>
    public static string? IssuerOf(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Parts(Prefix, content) is { } parts && Fields(parts.Payload) is [_, _, _, var node] && node.Length > 0 ? node : null;
    }

    /// <summary>The claims of a genuine, unexpired code; null with the reason otherwise.</summary>
    public QrClaims? Read(string content, out string reason) => Read(Prefix, content, out reason);

    /// <summary>A prescription's code (<c>epc_qrcd</c>) for the pharmacy to scan: whose prescription, and which; good for one decode.</summary>
    public (string Content, DateTimeOffset ExpiresAt) IssuePrescription(string psnNo, string hiRxno) => Issue(PrescriptionPrefix, $"{psnNo}/{hiRxno}", null);

    /// <summary>The person and prescription of a genuine, unexpired prescription code; null with the reason otherwise.</summary>
    public (QrClaims Claims, string HiRxno)? ReadPrescription(string content, out string reason)
    {
        var claims = Read(PrescriptionPrefix, content, out reason);
        if (claims?.PsnNo.Split('/') is [var psnNo, var hiRxno])
        {
            return (claims with { PsnNo = psnNo }, hiRxno);
        }

        reason = claims is null ? reason : "This is not a Yibao prescription QR code.";
        return null;
    }

    private (string Content, DateTimeOffset ExpiresAt) Issue(string prefix, string subject, string? node)
    {
        var expires = clock.GetUtcNow().Add(Lifetime);
        var payload = $"{subject}|{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}|{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        payload += node is null ? "" : "|" + node;
        var encoded = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        return (prefix + encoded + "." + Base64Url.EncodeToString(Mac(prefix, encoded)), expires);
    }

    private QrClaims? Read(string prefix, string content, out string reason)
    {
        reason = "";
        if (Parts(prefix, content) is not { } parts)
        {
            reason = prefix == Prefix ? "This is not a Yibao insurance certificate QR code." : "This is not a Yibao prescription QR code.";
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(Mac(prefix, parts.Payload), Base64Url.DecodeFromChars(parts.Signature)))
        {
            reason = "The QR code's signature is not valid.";
            return null;
        }

        var fields = Fields(parts.Payload);
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields[2], CultureInfo.InvariantCulture));
        if (clock.GetUtcNow() > expires)
        {
            reason = "The QR code has expired: ask the person to refresh it.";
            return null;
        }

        return new QrClaims(fields[0], fields[1], expires);
    }

    /// <summary>The encoded payload and signature of a code of <paramref name="prefix"/>'s kind; null when it is not one.</summary>
    private static (string Payload, string Signature)? Parts(string prefix, string content) =>
        content.StartsWith(prefix, StringComparison.Ordinal) && content[prefix.Length..].Split('.') is [var payload, var signature]
            && Base64Url.IsValid(payload) && Base64Url.IsValid(signature)
            ? (payload, signature)
            : null;

    private static string[] Fields(string payload) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payload)).Split('|');

    // The prefix is signed too: a certificate's code cannot pass for a prescription's.
    private byte[] Mac(string prefix, string encodedPayload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(prefix + encodedPayload));
}
