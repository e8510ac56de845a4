using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Domain.Persons;

namespace Yibao.Application.ECertificates;

/// <summary>An institution's scanner decodes a person's certificate QR code.</summary>
public sealed record DecodeQrCode(string QrCode, string BusinessType, string Institution);

/// <summary>The ecToken issued for the code, and whose it is.</summary>
public sealed record DecodedCertificate(EcTokenRow Token, PersonRow Person);

/// <summary>
/// Turns a person's QR code into an ecToken for this institution, good for 30 minutes; each code
/// decodes once, and each decode leaves an access record (the answer names the person).
/// </summary>
public sealed class DecodeQrCodeHandler(YibaoDbContext db, QrCodes qrCodes, WriteGate gate, TimeProvider clock)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    public async Task<Result<DecodedCertificate>> HandleAsync(DecodeQrCode command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (qrCodes.Read(command.QrCode, out var reason) is not { } claims)
        {
            return PersonErrors.QrInvalid.With(reason);
        }

        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.PsnNo == claims.PsnNo, ct);
        if (person is null)
        {
            return PersonErrors.QrInvalid.With("The QR code names no insured person.");
        }

        var now = clock.GetUtcNow();
        var token = new EcTokenRow
        {
            EcToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            PsnNo = person.PsnNo,
            FixmedinsCode = command.Institution,
            BusinessType = command.BusinessType,
            IssuedAt = now,
            ExpiresAt = now.Add(TokenLifetime).ToUnixTimeSeconds(),
        };
        using var entered = await gate.EnterAsync(db, ct);
        db.EcQrUses.Add(new EcQrUseRow { QrNonce = claims.Nonce, FixmedinsCode = command.Institution, UsedAt = now });
        db.EcTokens.Add(token);

        // The answer names the person (ID number, name, insured area): a read of their record, recorded with the decode.
        db.PersonAccessRecords.Add(new PersonAccessRow { At = now, ActorKind = "institution", Actor = command.Institution, PsnNo = person.PsnNo, Door = "ecert", Purpose = "qr-decode" });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return PersonErrors.QrUsed.With("The QR code was already used: ask the person to show a fresh one.");
        }

        return new DecodedCertificate(token, person);
    }
}
