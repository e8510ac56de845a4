using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.ECertificate;

/// <summary>Decoding QR codes into ecTokens, and checking an ecToken presented with mdtrt_cert_type 01.</summary>
internal sealed class ECertificates(YibaoDbContext db, QrCodes qrCodes, WriteGate gate, TimeProvider clock)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    /// <summary>Turns a person's QR code into an ecToken for this institution; each code decodes once.</summary>
    public async Task<(EcTokenRow? Token, PersonRow? Person, string Error)> DecodeAsync(string qrCode, string businessType, string fixmedinsCode, CancellationToken ct)
    {
        if (qrCodes.Read(qrCode, out var reason) is not { } claims)
        {
            return (null, null, reason);
        }

        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.PsnNo == claims.PsnNo, ct);
        if (person is null)
        {
            return (null, null, "The QR code names no insured person.");
        }

        var now = clock.GetUtcNow();
        var token = new EcTokenRow
        {
            EcToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            PsnNo = person.PsnNo,
            FixmedinsCode = fixmedinsCode,
            BusinessType = businessType,
            IssuedAt = now,
            ExpiresAt = now.Add(TokenLifetime).ToUnixTimeSeconds(),
        };
        using var entered = await gate.EnterAsync(db, ct);
        db.EcQrUses.Add(new EcQrUseRow { QrNonce = claims.Nonce, FixmedinsCode = fixmedinsCode, UsedAt = now });
        db.EcTokens.Add(token);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return (null, null, "The QR code was already used: ask the person to show a fresh one.");
        }

        return (token, person, "");
    }

    /// <summary>Records a successful face check on a live ecToken of this institution; the reason when it cannot.</summary>
    public async Task<string?> RecordFaceCheckAsync(string ecToken, string fixmedinsCode, string evidence, IFaceVerifier verifier, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        using var entered = await gate.EnterAsync(db, ct);
        var token = await db.EcTokens.FirstOrDefaultAsync(t => t.EcToken == ecToken && t.FixmedinsCode == fixmedinsCode, ct);
        if (token is null || token.ExpiresAt < now.ToUnixTimeSeconds())
        {
            return "The ecToken is not a live e-certificate token issued to this institution.";
        }

        if (!await verifier.VerifyAsync(token.PsnNo, evidence, ct))
        {
            return "The face check did not match the certificate's holder.";
        }

        token.FaceVerifiedAt = now;
        db.Record(now, fixmedinsCode, "ecert.face", "person", token.PsnNo);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Whether a real-person check was recorded on this ecToken.</summary>
    public Task<bool> IsFaceVerifiedAsync(string ecToken, CancellationToken ct) =>
        db.EcTokens.AsNoTracking().AnyAsync(t => t.EcToken == ecToken && t.FaceVerifiedAt != null, ct);

    /// <summary>The person of a live ecToken issued to this institution, or null.</summary>
    public async Task<string?> PersonOfTokenAsync(string ecToken, string fixmedinsCode, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return await db.EcTokens.AsNoTracking()
            .Where(t => t.EcToken == ecToken && t.FixmedinsCode == fixmedinsCode && t.ExpiresAt >= now)
            .Select(t => t.PsnNo)
            .FirstOrDefaultAsync(ct);
    }
}
