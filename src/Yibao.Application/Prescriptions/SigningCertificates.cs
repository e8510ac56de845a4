using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Yibao.Application.Prescriptions;

/// <summary>
/// The platform's small certificate authority: X.509 certificates with SM2 keys, signed SM3withSM2
/// (BouncyCastle). The platform's own is self-signed; an institution's names it in its DN and is
/// signed by the platform's, so that a pharmacy can check a prescription's signature itself.
/// </summary>
public static class SigningCertificates
{
    public const string PlatformName = "CN=Yibao e-prescription CA, O=Yibao medical insurance platform, C=CN";

    public static X509Certificate SelfSigned(ECPrivateKeyParameters key, DateTimeOffset now) =>
        Issue(new X509Name(PlatformName), NationalCrypto.PublicKey(NationalCrypto.PublicKeyOf(Hex(key))), key, new X509Name(PlatformName), now, years: 10);

    /// <summary>An institution's certificate: its code and name in the DN, valid three years.</summary>
    public static X509Certificate ForInstitution(string fixmedinsCode, string name, ECPublicKeyParameters institutionKey, ECPrivateKeyParameters platformKey, DateTimeOffset now) =>
        Issue(new X509Name(PlatformName), institutionKey, platformKey, InstitutionName(fixmedinsCode, name), now, years: 3);

    /// <summary>CN is the <c>fixmedins_code</c>: what a verifier matches against the prescription's institution.</summary>
    public static X509Name InstitutionName(string fixmedinsCode, string name) =>
        new([X509Name.CN, X509Name.O, X509Name.OU, X509Name.C], new[] { fixmedinsCode, name, "designated medical institution", "CN" });

    public static string Pem(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return $"-----BEGIN CERTIFICATE-----\n{Convert.ToBase64String(certificate.GetEncoded(), Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal)}\n-----END CERTIFICATE-----\n";
    }

    public static X509Certificate Read(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var body = pem.Replace("-----BEGIN CERTIFICATE-----", "", StringComparison.Ordinal).Replace("-----END CERTIFICATE-----", "", StringComparison.Ordinal);
        return new X509Certificate(Convert.FromBase64String(body));
    }

    /// <summary>Whether the certificate is the platform's issue for this institution, and in force at the instant.</summary>
    public static bool Vouches(X509Certificate certificate, X509Certificate platform, string fixmedinsCode, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(platform);
        try
        {
            certificate.Verify(platform.GetPublicKey());
        }
        catch (Exception e) when (e is InvalidKeyException or SignatureException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return false;
        }

        return certificate.IsValid(at.UtcDateTime)
            && certificate.SubjectDN.GetValueList(X509Name.CN) is [var cn] && cn == fixmedinsCode
            && certificate.IssuerDN.Equivalent(platform.SubjectDN);
    }

    private static X509Certificate Issue(X509Name issuer, ECPublicKeyParameters subjectKey, ECPrivateKeyParameters issuerKey, X509Name subject, DateTimeOffset now, int years)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(128, new SecureRandom()).Add(BigInteger.One));
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(now.UtcDateTime.AddMinutes(-5));
        generator.SetNotAfter(now.UtcDateTime.AddYears(years));
        generator.SetPublicKey(subjectKey);
        return generator.Generate(new Asn1SignatureFactory("SM3WITHSM2", issuerKey));
    }

    private static string Hex(ECPrivateKeyParameters key) => key.D.ToString(16).PadLeft(64, '0');
}
