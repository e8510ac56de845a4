using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Credentials;

/// <summary>Every credential, by institution: fingerprints only, never tokens.</summary>
public sealed record ListCredentials;

/// <summary>The institution and token of a live paasid, for verifying a request's signature.</summary>
public sealed record ResolveCredential(string Paasid);

public sealed record ResolvedCredential(string FixmedinsCode, string Token);

public sealed class ListCredentialsHandler(YibaoDbContext db, CredentialProtector protector)
{
    public async Task<IReadOnlyList<GatewayCredentialRow>> HandleAsync(ListCredentials command, CancellationToken cancellationToken) =>
        await db.GatewayCredentials.AsNoTracking().OrderBy(c => c.FixmedinsCode).ToListAsync(cancellationToken);

    public async Task<ResolvedCredential?> HandleAsync(ResolveCredential command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var row = await db.GatewayCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.Paasid == command.Paasid && c.RevokedAt == null, cancellationToken);
        return row is not null && protector.Unprotect(row.TokenCiphertext) is { } token ? new ResolvedCredential(row.FixmedinsCode, token) : null;
    }
}
