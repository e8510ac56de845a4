using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;

namespace Yibao.Application.Credentials;

/// <summary>Revokes a credential; it stops working at once.</summary>
public sealed record RevokeCredential(string Paasid, string Actor = "cli");

public sealed class RevokeCredentialHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<string>> HandleAsync(RevokeCredential command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var row = await db.GatewayCredentials.FirstOrDefaultAsync(c => c.Paasid == command.Paasid, cancellationToken);
        if (row is null)
        {
            return CredentialErrors.NotFound.With($"No credential {command.Paasid}.");
        }

        row.RevokedAt = clock.GetUtcNow();
        db.Record(clock.GetUtcNow(), command.Actor, "credential.revoke", "credential", command.Paasid);
        await db.SaveChangesAsync(cancellationToken);
        return command.Paasid;
    }
}
