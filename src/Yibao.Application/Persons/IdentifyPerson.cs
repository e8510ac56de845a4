using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Domain.Persons;

namespace Yibao.Application.Persons;

/// <summary>
/// The person a certificate names, at an institution: 01 carries an ecToken, good only while live and
/// only at the institution that decoded the person's QR code; 02 and 03 carry the ID number (03 also
/// the social security card's serial, <paramref name="CardSn"/>).
/// </summary>
/// <param name="InsuplcAdmdvs">When the institution names the insured area, it must be the person's.</param>
public sealed record IdentifyPerson(string CertType, string CertNo, string? CardSn, string Institution, string? InsuplcAdmdvs = null);

public sealed class IdentifyPersonHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<PersonRow>> HandleAsync(IdentifyPerson command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        string? psnNo;
        switch (command.CertType)
        {
            case "01":
                var now = clock.GetUtcNow().ToUnixTimeSeconds();
                psnNo = await db.EcTokens.AsNoTracking()
                    .Where(t => t.EcToken == command.CertNo && t.FixmedinsCode == command.Institution && t.ExpiresAt >= now)
                    .Select(t => t.PsnNo).FirstOrDefaultAsync(ct);
                if (psnNo is null)
                {
                    return PersonErrors.EcTokenInvalidCode.With("The ecToken is not a live e-certificate token issued to this institution: scan the person's QR code again.");
                }

                break;
            case "03" when string.IsNullOrEmpty(command.CardSn):
                return PersonErrors.CertTypeUnknownCode.With("card_sn is required with mdtrt_cert_type 03 (social security card).");
            case "02" or "03":
                psnNo = await db.Persons.Where(p => p.Certno == command.CertNo).Select(p => p.PsnNo).FirstOrDefaultAsync(ct);
                if (psnNo is null)
                {
                    return PersonErrors.NotFoundCode.With($"No insured person with ID number {command.CertNo}.");
                }

                break;
            default:
                return PersonErrors.CertTypeUnknownCode.With("mdtrt_cert_type must be 01 (e-certificate), 02 (ID number) or 03 (social security card).");
        }

        return await GetPersonHandler.InAreaAsync(db, psnNo, command.InsuplcAdmdvs, ct);
    }
}
