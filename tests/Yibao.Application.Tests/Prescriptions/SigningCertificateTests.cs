using Microsoft.EntityFrameworkCore;
using Org.BouncyCastle.Crypto.Parameters;
using Yibao.Application.Prescriptions;
using Yibao.Storage;
using Yibao.Testing;

namespace Yibao.Application.Tests.Prescriptions;

public sealed class SigningCertificateTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task IssueSigningCertificateThenGetPlatformCertificate_TheAuthoritySignsCertificatesNamingEachInstitution(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        var before = await app.ReadAsync(s => s.Use<GetPlatformCertificateHandler>().HandleAsync(new GetPlatformCertificate(), default));

        var hospital = (await app.CommitAsync(s => s.Use<IssueSigningCertificateHandler>().HandleAsync(new IssueSigningCertificate("H33010000001", "test"), default))).Ok();
        var pharmacy = (await app.CommitAsync(s => s.Use<IssueSigningCertificateHandler>().HandleAsync(new IssueSigningCertificate("P33010000001", "test"), default))).Ok();
        var published = (await app.ReadAsync(s => s.Use<GetPlatformCertificateHandler>().HandleAsync(new GetPlatformCertificate(), default))).Ok();
        var stored = await app.ReadAsync(s => s.Db.SigningKeys.AsNoTracking().SingleAsync(k => k.Owner == "H33010000001"));
        var protector = app.Services.GetService(typeof(CredentialProtector)) as CredentialProtector;

        Assert.Equal("signing_authority_not_set_up", before.Refusal());
        Assert.Equal(hospital.PlatformCertificatePem, published);
        Assert.Equal(pharmacy.PlatformCertificatePem, published);
        var platform = SigningCertificates.Read(published);
        var certificate = SigningCertificates.Read(hospital.CertificatePem);
        var now = DateTimeOffset.UtcNow;
        Assert.True(SigningCertificates.Vouches(certificate, platform, "H33010000001", now));
        Assert.False(SigningCertificates.Vouches(certificate, platform, "P33010000001", now));
        Assert.False(SigningCertificates.Vouches(certificate, platform, "H33010000001", now.AddYears(4)));
        Assert.Contains("O=Hangzhou First People", certificate.SubjectDN.ToString(), StringComparison.Ordinal);

        // The private key is kept encrypted, and it is the certificate's.
        var privateKey = protector!.Unprotect(stored.ProtectedPrivateKey)!;
        Assert.DoesNotContain(privateKey, stored.ProtectedPrivateKey, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(NationalCrypto.PublicKeyOf(privateKey), Convert.ToHexString(((ECPublicKeyParameters)certificate.GetPublicKey()).Q.GetEncoded(false)));
        Assert.Equal("institution_not_found", (await app.CommitAsync(s => s.Use<IssueSigningCertificateHandler>().HandleAsync(new IssueSigningCertificate("NOPE", "test"), default))).Refusal());
    }

    [Fact]
    public void Vouches_ACertificateFromAnotherAuthority_IsNotVouched()
    {
        var now = DateTimeOffset.UtcNow;
        var (platformKey, _) = NationalCrypto.NewKeyPair();
        var (forgerKey, _) = NationalCrypto.NewKeyPair();
        var (_, institutionPublic) = NationalCrypto.NewKeyPair();
        var platform = SigningCertificates.SelfSigned(NationalCrypto.PrivateKey(platformKey), now);
        var forged = SigningCertificates.ForInstitution("H33010000001", "Forged", NationalCrypto.PublicKey(institutionPublic), NationalCrypto.PrivateKey(forgerKey), now);
        var genuine = SigningCertificates.ForInstitution("H33010000001", "Genuine", NationalCrypto.PublicKey(institutionPublic), NationalCrypto.PrivateKey(platformKey), now);

        Assert.False(SigningCertificates.Vouches(forged, platform, "H33010000001", now));
        Assert.True(SigningCertificates.Vouches(genuine, platform, "H33010000001", now));
        Assert.True(SigningCertificates.Vouches(SigningCertificates.Read(SigningCertificates.Pem(genuine)), platform, "H33010000001", now));
    }
}
