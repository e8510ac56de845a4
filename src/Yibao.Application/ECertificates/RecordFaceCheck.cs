using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Domain.Persons;

namespace Yibao.Application.ECertificates;

/// <summary>A real-person (face) check of an ecToken's holder, at the institution the token was issued to.</summary>
/// <param name="Evidence">What the capturing device produced (an image or a liveness token).</param>
public sealed record RecordFaceCheck(string EcToken, string Institution, string Evidence);

/// <summary>Records a successful face check on a live ecToken; online settlement needs one.</summary>
public sealed class RecordFaceCheckHandler(YibaoDbContext db, IFaceVerifier verifier, WriteGate gate, TimeProvider clock)
{
    public async Task<Result<string>> HandleAsync(RecordFaceCheck command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        using var entered = await gate.EnterAsync(db, ct);
        var token = await db.EcTokens.FirstOrDefaultAsync(t => t.EcToken == command.EcToken && t.FixmedinsCode == command.Institution, ct);
        if (token is null || token.ExpiresAt < now.ToUnixTimeSeconds())
        {
            return PersonErrors.EcTokenInvalidCode.With("The ecToken is not a live e-certificate token issued to this institution.");
        }

        if (!await verifier.VerifyAsync(token.PsnNo, command.Evidence, ct))
        {
            return PersonErrors.FaceMismatch.With("The face check did not match the certificate's holder.");
        }

        token.FaceVerifiedAt = now;
        db.Record(now, command.Institution, "ecert.face", "person", token.PsnNo);
        await db.SaveChangesAsync(ct);
        return token.EcToken;
    }
}
