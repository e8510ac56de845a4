using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Institutions;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Credentials;

/// <summary>Issues a gateway credential for an institution; <paramref name="Paasid"/> defaults to the institution code.</summary>
public sealed record IssueCredential(string FixmedinsCode, string? Paasid, string Actor = "cli");

/// <summary>A credential as issued: the token is shown this once and never again.</summary>
public sealed record IssuedCredential(string Paasid, string FixmedinsCode, string Token, string Fingerprint);

public sealed class IssueCredentialHandler(YibaoDbContext db, CredentialProtector protector, TimeProvider clock)
{
    public async Task<Result<IssuedCredential>> HandleAsync(IssueCredential command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!await db.Institutions.AnyAsync(i => i.FixmedinsCode == command.FixmedinsCode, cancellationToken))
        {
            return InstitutionErrors.NotFound(command.FixmedinsCode);
        }

        var paasid = command.Paasid ?? command.FixmedinsCode;
        if (await db.GatewayCredentials.AnyAsync(c => c.Paasid == paasid, cancellationToken))
        {
            return CredentialErrors.PaasidTaken.With($"paasid {paasid} already exists; rotate it instead.");
        }

        var token = Credentials.NewToken();
        db.GatewayCredentials.Add(Credentials.Row(protector, paasid, command.FixmedinsCode, token, isDemo: false, clock.GetUtcNow()));
        db.Record(clock.GetUtcNow(), command.Actor, "credential.issue", "credential", paasid);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedCredential(paasid, command.FixmedinsCode, token, CredentialProtector.Fingerprint(token));
    }
}

/// <summary>How credentials are made: a random token, kept encrypted, shown by its fingerprint only.</summary>
public static class Credentials
{
    /// <summary>The demo institutions' token: <c>"demo-" + fixmedins_code</c>.</summary>
    public static string DemoToken(string fixmedinsCode) => "demo-" + fixmedinsCode;

    internal static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    internal static GatewayCredentialRow Row(CredentialProtector protector, string paasid, string fixmedinsCode, string token, bool isDemo, DateTimeOffset now) => new()
    {
        Paasid = paasid,
        FixmedinsCode = fixmedinsCode,
        TokenCiphertext = protector.Protect(token),
        TokenFingerprint = CredentialProtector.Fingerprint(token),
        IsDemo = isDemo,
        CreatedAt = now,
    };

    /// <summary>Stages the demo credentials (paasid = code, token = "demo-" + code) for the given institutions.</summary>
    internal static async Task AddDemoAsync(YibaoDbContext db, CredentialProtector protector, IEnumerable<string> fixmedinsCodes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var code in fixmedinsCodes)
        {
            if (await db.GatewayCredentials.AnyAsync(c => c.Paasid == code, cancellationToken) || db.GatewayCredentials.Local.Any(c => c.Paasid == code))
            {
                continue;
            }

            db.GatewayCredentials.Add(Row(protector, code, code, DemoToken(code), isDemo: true, now));
        }
    }
}
