using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Storage;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlements.Checks;

/// <summary>
/// Online settlement needs the person proven present: the electronic insurance certificate
/// (<c>mdtrt_cert_type</c> 01, a live ecToken of that person issued to that institution) with a
/// recorded real-person (face) check. An ID number alone is refused online. Runs after the claim
/// itself was found settleable, and not for a pre-settlement, which settles nothing.
/// </summary>
public sealed class OnlineIdentityCheck(YibaoDbContext db, TimeProvider clock) : ISettlementCheck
{
    public const string ECertificateType = "01";

    public CheckPhase Phase => CheckPhase.AfterComputing;

    public async Task<DomainError?> CheckAsync(ClaimContext claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Stage != ClaimStage.Settlement || claim.Channel != Channel.Online)
        {
            return null;
        }

        if (claim.Proof is not { CertType: ECertificateType, CertNo: { Length: > 0 } ecToken } || string.IsNullOrWhiteSpace(ecToken))
        {
            return SettlementErrors.ECertRequired.With("An online settlement needs the electronic insurance certificate (mdtrt_cert_type 01 with its ecToken); an ID number alone is not enough.");
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var institution = claim.Institution.Row.FixmedinsCode;
        var token = await db.EcTokens.AsNoTracking()
            .Where(t => t.EcToken == ecToken && t.FixmedinsCode == institution && t.ExpiresAt >= now)
            .Select(t => new { t.PsnNo, t.FaceVerifiedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (token?.PsnNo != claim.PsnNo)
        {
            return SettlementErrors.ECertInvalid.With("mdtrt_cert_no is not a live e-certificate token of this visit's person issued to this institution.");
        }

        return token.FaceVerifiedAt is null
            ? SettlementErrors.FaceCheckRequired.With("An online settlement needs a real-person (face) check of the certificate's holder: call faceVerify first.")
            : null;
    }
}
