using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Domain.Persons;
using Yibao.Application.Federation;

namespace Yibao.Application.ECertificates;

/// <summary>An institution's scanner decodes a person's certificate QR code.</summary>
public sealed record DecodeQrCode(string QrCode, string BusinessType, string Institution);

/// <summary>The ecToken issued for the code, and whose it is.</summary>
public sealed record DecodedCertificate(EcTokenRow Token, PersonRow Person);

/// <summary>
/// Turns a person's QR code into an ecToken for this institution, good for 30 minutes; each code
/// decodes once, and each decode leaves an access record (the answer names the person).
/// </summary>
/// <remarks>
/// On a node of a federation, a code another node issued (a person insured there) is not checked
/// here: it is sent to that node through the hub, which checks it and uses it up, and answers with
/// the person. This node keeps them as a guest and issues its own ecToken, so that what follows (the
/// face check, the settlement) happens here as for anyone.
/// </remarks>
public sealed class DecodeQrCodeHandler(YibaoDbContext db, QrCodes qrCodes, WriteGate gate, TimeProvider clock, InsuredNodes nodes, Guests guests)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    public async Task<Result<DecodedCertificate>> HandleAsync(DecodeQrCode command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        string psnNo;
        string? nonce;
        if (QrCodes.IssuerOf(command.QrCode) is { } issuer && nodes.IsOtherNode(issuer))
        {
            // Only its node checks it and knows whether it was used (even where nodes share a key).
            var decoded = await nodes.DecodeQrCodeAsync(new RemoteQrDecode(command.QrCode, command.Institution), issuer, ct);
            if (!decoded.IsSuccess)
            {
                return decoded.Error;
            }

            // A node answers only for its own people; a copy never overwrites someone insured here.
            if (!nodes.IsElsewhere(decoded.Value.Area))
            {
                return PersonErrors.QrInvalid.With("The QR code's node answered for a person insured here.");
            }

            await guests.KeepAsync(decoded.Value, ct);
            (psnNo, nonce) = (decoded.Value.PsnNo, null);
        }
        else if (qrCodes.Read(command.QrCode, out var reason) is { } claims)
        {
            (psnNo, nonce) = (claims.PsnNo, claims.Nonce);
        }
        else
        {
            return PersonErrors.QrInvalid.With(reason);
        }

        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.PsnNo == psnNo, ct);
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
        // A code issued here is used up now; another node's was used up there.
        if (nonce is not null)
        {
            db.EcQrUses.Add(new EcQrUseRow { QrNonce = nonce, FixmedinsCode = command.Institution, UsedAt = now });
        }

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
            return QrCodes.Used;
        }

        return new DecodedCertificate(token, person);
    }
}
