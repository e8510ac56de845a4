using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;

namespace Yibao.Application.Credentials;

/// <summary>Replaces a credential's token; the old one stops working at once.</summary>
public sealed record RotateCredential(string Paasid, string Actor = "cli");

public sealed class RotateCredentialHandler(YibaoDbContext db, CredentialProtector protector, TimeProvider clock)
{
    public async Task<Result<IssuedCredential>> HandleAsync(RotateCredential command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var row = await db.GatewayCredentials.FirstOrDefaultAsync(c => c.Paasid == command.Paasid, cancellationToken);
        if (row is null)
        {
            return CredentialErrors.NotFound.With($"No credential {command.Paasid}.");
        }

        var token = Credentials.NewToken();
        row.TokenCiphertext = protector.Protect(token);
        row.TokenFingerprint = CredentialProtector.Fingerprint(token);
        row.IsDemo = false;
        row.RevokedAt = null;
        db.Record(clock.GetUtcNow(), command.Actor, "credential.rotate", "credential", command.Paasid);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedCredential(command.Paasid, row.FixmedinsCode, token, row.TokenFingerprint);
    }
}
