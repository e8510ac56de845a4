using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>What an institution is handed once: its app's id and secret, and the private key its requests are signed with.</summary>
public sealed record IssuedEpcApp(string FixmedinsCode, string AppId, string AppSecret, string PrivateKey);

/// <summary>Issues an institution an app on the e-prescription transport (<c>appId</c>, <c>appSecret</c>, an SM2 key pair); the secret and private key are shown this once.</summary>
public sealed record IssueEpcApp(string FixmedinsCode, string Actor);

public sealed class IssueEpcAppHandler(YibaoDbContext db, CredentialProtector protector, TimeProvider clock)
{
    public async Task<Result<IssuedEpcApp>> HandleAsync(IssueEpcApp command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!await db.Institutions.AnyAsync(i => i.FixmedinsCode == command.FixmedinsCode, ct))
        {
            return Domain.Institutions.InstitutionErrors.NotFoundCode.With($"there is no institution {command.FixmedinsCode}");
        }

        var appId = command.FixmedinsCode + RandomNumberGenerator.GetHexString(8, lowercase: false);
        var secret = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32);
        var (privateKey, publicKey) = NationalCrypto.NewKeyPair();
        var now = clock.GetUtcNow();
        db.EpcApps.Add(new EpcAppRow { AppId = appId, FixmedinsCode = command.FixmedinsCode, ProtectedSecret = protector.Protect(secret), PublicKey = publicKey, IssuedAt = now });
        db.Record(now, command.Actor, "epc.app.issue", "institution", command.FixmedinsCode, appId);
        return new IssuedEpcApp(command.FixmedinsCode, appId, secret, privateKey);
    }
}

/// <summary>The apps the transport knows, as <see cref="EpcEnvelope.Open"/> asks for them.</summary>
public sealed class EpcApps(YibaoDbContext db, CredentialProtector protector)
{
    public async Task<(EpcApp App, string FixmedinsCode)?> FindAsync(string appId, CancellationToken ct)
    {
        var row = await db.EpcApps.AsNoTracking().FirstOrDefaultAsync(a => a.AppId == appId, ct);
        return row is null || protector.Unprotect(row.ProtectedSecret) is not { } secret
            ? null
            : (new EpcApp(row.AppId, secret, NationalCrypto.PublicKey(row.PublicKey)), row.FixmedinsCode);
    }
}
