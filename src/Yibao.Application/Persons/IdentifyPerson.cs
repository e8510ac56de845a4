using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Persons;

/// <summary>
/// The person a certificate names, at an institution: 01 carries an ecToken, good only while live and
/// only at the institution that decoded the person's QR code; 02 and 03 carry the ID number (03 also
/// the social security card's serial, <paramref name="CardSn"/>).
/// </summary>
/// <param name="PsnNo">The person the caller names with the certificate (2201, 2206, 2207): the certificate must identify them.</param>
/// <param name="InsuplcAdmdvs">When the institution names the insured area, it must be the person's.</param>
public sealed record IdentifyPerson(string CertType, string CertNo, string? CardSn, string Institution, string? InsuplcAdmdvs = null, string? PsnNo = null);

public sealed class IdentifyPersonHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<PersonRow>> HandleAsync(IdentifyPerson command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Unreadable(command) is { } unreadable)
        {
            return unreadable;
        }

        if (command.PsnNo is { } named)
        {
            // An ID number is checked against the named person's own: no second read.
            var person = await GetPersonHandler.InAreaAsync(db, named, command.InsuplcAdmdvs, ct);
            if (!person.IsSuccess || command.CertType != "01")
            {
                return !person.IsSuccess || person.Value.Certno == command.CertNo ? person : Mismatch;
            }

            var holder = await TokenHolderAsync(command, ct);
            return holder is null ? TokenInvalid : holder == named ? person : Mismatch;
        }

        var psnNo = command.CertType == "01"
            ? await TokenHolderAsync(command, ct)
            : await db.Persons.Where(p => p.Certno == command.CertNo).Select(p => p.PsnNo).FirstOrDefaultAsync(ct);
        if (psnNo is null)
        {
            return command.CertType == "01" ? TokenInvalid : PersonErrors.NotFoundCode.With($"No insured person with ID number {command.CertNo}.");
        }

        return await GetPersonHandler.InAreaAsync(db, psnNo, command.InsuplcAdmdvs, ct);
    }

    private static DomainError TokenInvalid => PersonErrors.EcTokenInvalidCode.With("The ecToken is not a live e-certificate token issued to this institution: scan the person's QR code again.");

    private static DomainError Mismatch => PersonErrors.CertPersonMismatchCode.With("mdtrt_cert_no identifies another person than psn_no.");

    private static DomainError? Unreadable(IdentifyPerson command) => command.CertType switch
    {
        "01" or "02" => null,
        "03" when string.IsNullOrEmpty(command.CardSn) => PersonErrors.CertTypeUnknownCode.With("card_sn is required with mdtrt_cert_type 03 (social security card)."),
        "03" => null,
        _ => PersonErrors.CertTypeUnknownCode.With("mdtrt_cert_type must be 01 (e-certificate), 02 (ID number) or 03 (social security card)."),
    };

    private Task<string?> TokenHolderAsync(IdentifyPerson command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return db.EcTokens.AsNoTracking()
            .Where(t => t.EcToken == command.CertNo && t.FixmedinsCode == command.Institution && t.ExpiresAt >= now)
            .Select(t => t.PsnNo).FirstOrDefaultAsync(ct);
    }
}
