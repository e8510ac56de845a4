using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>The refusals of signing keys.</summary>
public static class SigningErrors
{
    /// <summary>The platform has issued no certificate yet, so there is no authority to publish.</summary>
    public static readonly ErrorCode NoAuthority = new("signing_authority_not_set_up", ErrorKind.NotFound);
}

/// <summary>An institution's signing certificate, as issued.</summary>
public sealed record IssuedCertificate(string FixmedinsCode, string CertificatePem, string PlatformCertificatePem);

/// <summary>
/// Gives an institution a new SM2 key pair, held by the platform (encrypted at rest), and a
/// certificate naming it signed by the platform's authority, which is set up on first use. A new
/// issue replaces the institution's key; what it signed before stays verifiable by the certificate
/// kept with it.
/// </summary>
public sealed record IssueSigningCertificate(string FixmedinsCode, string Actor);

public sealed class IssueSigningCertificateHandler(YibaoDbContext db, CredentialProtector protector, SigningAuthority authority, TimeProvider clock)
{
    public async Task<Result<IssuedCertificate>> HandleAsync(IssueSigningCertificate command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.FixmedinsCode == command.FixmedinsCode, ct);
        if (institution is null)
        {
            return Domain.Institutions.InstitutionErrors.NotFoundCode.With($"there is no institution {command.FixmedinsCode}");
        }

        var now = clock.GetUtcNow();
        var platform = await authority.PlatformAsync(ct);
        var (privateKey, publicKey) = NationalCrypto.NewKeyPair();
        var certificate = SigningCertificates.Pem(SigningCertificates.ForInstitution(
            institution.FixmedinsCode, institution.Name, NationalCrypto.PublicKey(publicKey), authority.PrivateKey(platform), now));
        var row = await db.SigningKeys.FindAsync([institution.FixmedinsCode], ct);
        if (row is null)
        {
            db.SigningKeys.Add(row = new SigningKeyRow { Owner = institution.FixmedinsCode, ProtectedPrivateKey = "", Certificate = "" });
        }

        (row.ProtectedPrivateKey, row.Certificate, row.IssuedAt) = (protector.Protect(privateKey), certificate, now);
        db.Record(now, command.Actor, "signing.issue", "institution", institution.FixmedinsCode, "SM2 key and certificate issued");
        return new IssuedCertificate(institution.FixmedinsCode, certificate, platform.Certificate);
    }
}

/// <summary>The platform's certificate, published so that anyone can check an institution's.</summary>
public sealed record GetPlatformCertificate;

public sealed class GetPlatformCertificateHandler(YibaoDbContext db)
{
    public async Task<Result<string>> HandleAsync(GetPlatformCertificate command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var pem = await db.SigningKeys.AsNoTracking().Where(k => k.Owner == SigningKeyRow.PlatformOwner).Select(k => k.Certificate).FirstOrDefaultAsync(ct);
        return pem is null ? SigningErrors.NoAuthority.With("no signing certificate has been issued yet") : pem;
    }
}
