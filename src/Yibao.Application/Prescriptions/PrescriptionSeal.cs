using System.Globalization;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>
/// The insurance electronic signature of a prescription: SM3withSM2 (user id 1234567812345678) over
/// <c>canonical(content) + "\n" + hex(SM3(file))</c>, given as hex (<c>signDigest</c>). The content
/// holds the prescription, its drugs, its visit and its upload fields, so any changed field, drug or
/// file breaks it. A pharmacy can check it with the institution's certificate and the platform's.
/// </summary>
public static class PrescriptionSeal
{
    public static string SignedText(string canonicalContent, string? rxFileBase64)
    {
        var file = Convert.FromBase64String(rxFileBase64 ?? "");
        var sm3 = new SM3Digest();
        sm3.BlockUpdate(file, 0, file.Length);
        var digest = new byte[sm3.GetDigestSize()];
        sm3.DoFinal(digest, 0);
        return canonicalContent + "\n" + Convert.ToHexStringLower(digest);
    }

    public static string Sign(ECPrivateKeyParameters key, string signedText) =>
        Convert.ToHexString(Convert.FromBase64String(NationalCrypto.Sign(key, signedText)));

    public static bool Verifies(ECPublicKeyParameters key, string signedText, string? signDigest)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromHexString(signDigest ?? "");
        }
        catch (FormatException)
        {
            return false;
        }

        return NationalCrypto.Verify(key, signedText, Convert.ToBase64String(raw));
    }

    public static bool IsBase64(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    /// <summary>
    /// Whether a stored prescription is still what was signed: a signature, by a certificate the
    /// platform issued to the prescribing institution, over the content and file as stored, and the
    /// columns the platform acts on agreeing with that content. Null when it is; the refusal otherwise.
    /// </summary>
    public static DomainError? Check(PrescriptionRow rx, string platformCertificatePem)
    {
        ArgumentNullException.ThrowIfNull(rx);
        if (string.IsNullOrEmpty(rx.SignDigest) || rx.SignCertificate is null || rx.RxFile is null)
        {
            return PrescriptionFraudErrors.SignatureMissing.With($"prescription {rx.HiRxno} carries no insurance electronic signature");
        }

        if (Vouched(rx, platformCertificatePem) is { } mismatch)
        {
            return mismatch;
        }

        // Stored content that is not JSON reads as empty: it neither verifies nor agrees.
        var key = (ECPublicKeyParameters)SigningCertificates.Read(rx.SignCertificate).GetPublicKey();
        return IsBase64(rx.RxFile) && Verifies(key, SignedText(CanonicalJson.Write(PrescriptionContent.Of(rx)), rx.RxFile), rx.SignDigest)
            ? Agreement(rx)
            : Tampered(rx);
    }

    /// <summary>The signing certificate is the platform's issue for the prescribing institution; the refusal otherwise.</summary>
    public static DomainError? Vouched(PrescriptionRow rx, string platformCertificatePem)
    {
        ArgumentNullException.ThrowIfNull(rx);
        return rx.SignCertificate is { } pem && SigningCertificates.Vouches(SigningCertificates.Read(pem), SigningCertificates.Read(platformCertificatePem), rx.FixmedinsCode, rx.PrecheckedAt)
            ? null
            : PrescriptionFraudErrors.SignerMismatch.With($"prescription {rx.HiRxno} is signed with a certificate that is not {rx.FixmedinsCode}'s");
    }

    /// <summary>The columns the platform acts on repeat the signed content's header; <c>rx_tampered</c> otherwise.</summary>
    public static DomainError? Agreement(PrescriptionRow rx)
    {
        ArgumentNullException.ThrowIfNull(rx);
        var content = PrescriptionContent.Of(rx);
        return Header(rx).All(p => content[p.Key] is { } stored && CanonicalJson.Write(stored) == CanonicalJson.Write(p.Value)) ? null : Tampered(rx);
    }

    private static DomainError Tampered(PrescriptionRow rx) =>
        PrescriptionFraudErrors.Tampered.With($"prescription {rx.HiRxno} no longer matches its signature: it was changed after signing");

    /// <summary>The platform's own fields of a prescription's content, which the columns must repeat.</summary>
    public static JsonObject Header(PrescriptionRow rx)
    {
        ArgumentNullException.ThrowIfNull(rx);
        return new JsonObject
        {
            ["hiRxno"] = rx.HiRxno,
            ["rxTraceCode"] = rx.RxTraceCode,
            ["fixmedinsCode"] = rx.FixmedinsCode,
            ["mdtrtId"] = rx.MdtrtId,
            ["psnNo"] = rx.PsnNo,
            ["medType"] = rx.MedType,
            ["prescriberLevel"] = rx.PrescriberLevel,
            ["valiEndTime"] = rx.ValiEndTime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["maxReptCnt"] = rx.MaxReptCnt,
            ["minInrvDays"] = rx.MinInrvDays,
        };
    }


}
