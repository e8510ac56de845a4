using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Credentials;

/// <summary>A credential as issued: the token is shown this once and never again.</summary>
public sealed record IssuedCredential(string Paasid, string FixmedinsCode, string Token, string Fingerprint);

/// <summary>Issues, rotates, revokes and resolves the institutions' gateway credentials.</summary>
public sealed class GatewayCredentials(YibaoDbContext db, CredentialProtector protector, TimeProvider clock)
{
    public static string DemoToken(string fixmedinsCode) => "demo-" + fixmedinsCode;

    /// <summary>Issues a new credential for an institution (paasid defaults to the institution code).</summary>
    public async Task<Result<IssuedCredential>> IssueAsync(string fixmedinsCode, string? paasid, CancellationToken cancellationToken)
    {
        if (!await db.Institutions.AnyAsync(i => i.FixmedinsCode == fixmedinsCode, cancellationToken))
        {
            return InstitutionErrors.NotFound(fixmedinsCode);
        }

        paasid ??= fixmedinsCode;
        if (await db.GatewayCredentials.AnyAsync(c => c.Paasid == paasid, cancellationToken))
        {
            return CredentialErrors.PaasidTaken.With($"paasid {paasid} already exists; rotate it instead.");
        }

        var token = NewToken();
        db.GatewayCredentials.Add(Row(paasid, fixmedinsCode, token, isDemo: false));
        db.Record(clock.GetUtcNow(), "cli", "credential.issue", "credential", paasid);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedCredential(paasid, fixmedinsCode, token, CredentialProtector.Fingerprint(token));
    }

    /// <summary>Replaces the token; the old one stops working at once.</summary>
    public async Task<Result<IssuedCredential>> RotateAsync(string paasid, CancellationToken cancellationToken)
    {
        var row = await db.GatewayCredentials.FirstOrDefaultAsync(c => c.Paasid == paasid, cancellationToken);
        if (row is null)
        {
            return CredentialErrors.NotFound.With($"No credential {paasid}.");
        }

        var token = NewToken();
        row.TokenCiphertext = protector.Protect(token);
        row.TokenFingerprint = CredentialProtector.Fingerprint(token);
        row.IsDemo = false;
        row.RevokedAt = null;
        db.Record(clock.GetUtcNow(), "cli", "credential.rotate", "credential", paasid);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedCredential(paasid, row.FixmedinsCode, token, row.TokenFingerprint);
    }

    public async Task<Result<string>> RevokeAsync(string paasid, CancellationToken cancellationToken)
    {
        var row = await db.GatewayCredentials.FirstOrDefaultAsync(c => c.Paasid == paasid, cancellationToken);
        if (row is null)
        {
            return CredentialErrors.NotFound.With($"No credential {paasid}.");
        }

        row.RevokedAt = clock.GetUtcNow();
        db.Record(clock.GetUtcNow(), "cli", "credential.revoke", "credential", paasid);
        await db.SaveChangesAsync(cancellationToken);
        return paasid;
    }

    /// <summary>Stages the demo credentials (paasid = code, token = "demo-" + code) for the given institutions.</summary>
    public async Task AddDemoCredentialsAsync(IEnumerable<string> fixmedinsCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fixmedinsCodes);
        foreach (var code in fixmedinsCodes)
        {
            if (await db.GatewayCredentials.AnyAsync(c => c.Paasid == code, cancellationToken) || db.GatewayCredentials.Local.Any(c => c.Paasid == code))
            {
                continue;
            }

            db.GatewayCredentials.Add(Row(code, code, DemoToken(code), isDemo: true));
        }
    }

    /// <summary>The institution and token of a live paasid, for verifying a signature.</summary>
    public async Task<(string FixmedinsCode, string Token)?> ResolveAsync(string paasid, CancellationToken cancellationToken)
    {
        var row = await db.GatewayCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.Paasid == paasid && c.RevokedAt == null, cancellationToken);
        return row is not null && protector.Unprotect(row.TokenCiphertext) is { } token ? (row.FixmedinsCode, token) : null;
    }

    private GatewayCredentialRow Row(string paasid, string fixmedinsCode, string token, bool isDemo) => new()
    {
        Paasid = paasid,
        FixmedinsCode = fixmedinsCode,
        TokenCiphertext = protector.Protect(token),
        TokenFingerprint = CredentialProtector.Fingerprint(token),
        IsDemo = isDemo,
        CreatedAt = clock.GetUtcNow(),
    };

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}

/// <summary>The refusals of credential administration.</summary>
public static class CredentialErrors
{
    public static readonly ErrorCode PaasidTaken = new("paasid_taken", ErrorKind.Conflict);
    public static readonly ErrorCode NotFound = new("credential_not_found", ErrorKind.NotFound);
}
