using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Credentials;

/// <summary>Every credential, by institution: fingerprints only, never tokens.</summary>
public sealed record ListCredentials;

/// <summary>The institution and token of a live paasid, for verifying a request's signature.</summary>
public sealed record ResolveCredential(string Paasid);

public sealed record ResolvedCredential(string FixmedinsCode, string Token);

public sealed class ListCredentialsHandler(YibaoDbContext db, Reference.ReferenceData reference)
{
    public async Task<IReadOnlyList<GatewayCredentialRow>> HandleAsync(ListCredentials command, CancellationToken cancellationToken) =>
        await db.GatewayCredentials.AsNoTracking().OrderBy(c => c.FixmedinsCode).ToListAsync(cancellationToken);

    public async Task<ResolvedCredential?> HandleAsync(ResolveCredential command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await reference.CredentialAsync(command.Paasid, cancellationToken);
    }
}
