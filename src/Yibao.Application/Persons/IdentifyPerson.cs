using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Persons;

/// <summary>
/// The person a certificate names, at an institution: 01 carries an ecToken, good only while live and
/// only at the institution that decoded the person's QR code; 02 and 03 carry the ID number, 03 also
/// the social security card's serial (<paramref name="CardSn"/>), which must be the card on file.
/// </summary>
/// <param name="PsnNo">The person the caller names with the certificate (2201, 2206, 2207): the certificate must identify them.</param>
/// <param name="InsuplcAdmdvs">When the institution names the insured area, it must be the person's.</param>
/// <param name="Lookup">
/// A person lookup (1101, the native lookup) needs a proof that the person is present: a live ecToken
/// (01) or the card (03). An ID number alone (02) can be typed by anyone, so it finds no one.
/// </param>
public sealed record IdentifyPerson(string CertType, string CertNo, string? CardSn, string Institution, string? InsuplcAdmdvs = null, string? PsnNo = null, bool Lookup = false);

public sealed class IdentifyPersonHandler(YibaoDbContext db, TimeProvider clock, Federation.Guests guests)
{
    public async Task<Result<PersonRow>> HandleAsync(IdentifyPerson command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Unreadable(command) is { } unreadable)
        {
            return unreadable;
        }

        if (command.Lookup && command.CertType == "02")
        {
            return PersonErrors.PresenceProofRequired.With("An ID number alone does not show that the person is here: look the person up with the e-certificate (mdtrt_cert_type 01, the ecToken of their QR code) or their social security card (03, with card_sn).");
        }

        // A person insured on another node is fetched through the hub, and refreshed on each lookup (an ecToken is this platform's own).
        if (command.CertType != "01")
        {
            if (await guests.RefreshAsync(new Federation.PersonQuery(command.PsnNo, command.PsnNo is null ? command.CertNo : null, command.CertType == "03" ? command.CardSn : null), command.InsuplcAdmdvs, always: command.Lookup, ct) is { } unreachable)
            {
                return unreachable;
            }
        }

        if (command.PsnNo is { } named)
        {
            // An ID number is checked against the named person's own: no second read.
            var person = await GetPersonHandler.InAreaAsync(db, named, command.InsuplcAdmdvs, ct);
            if (!person.IsSuccess || command.CertType != "01")
            {
                return !person.IsSuccess ? person
                    : person.Value.Certno != command.CertNo ? Mismatch
                    : command.CertType == "03" && !CardMatches(person.Value, command) ? CardInvalid
                    : person;
            }

            var holder = await TokenHolderAsync(command, ct);
            return holder is null ? TokenInvalid : holder == named ? person : Mismatch;
        }

        var psnNo = command.CertType switch
        {
            "01" => await TokenHolderAsync(command, ct),
            "03" => await db.Persons.Where(p => p.Certno == command.CertNo && p.CardSn == command.CardSn).Select(p => p.PsnNo).FirstOrDefaultAsync(ct),
            _ => await db.Persons.Where(p => p.Certno == command.CertNo).Select(p => p.PsnNo).FirstOrDefaultAsync(ct),
        };
        if (psnNo is null)
        {
            // An unknown ID number and a known one with another card answer alike: a card cannot probe for ID numbers.
            return command.CertType switch
            {
                "01" => TokenInvalid,
                "03" => CardInvalid,
                _ => PersonErrors.NotFoundCode.With($"No insured person with ID number {Domain.Privacy.Masking.IdNumber(command.CertNo)}."),
            };
        }

        return await GetPersonHandler.InAreaAsync(db, psnNo, command.InsuplcAdmdvs, ct);
    }

    private static DomainError TokenInvalid => PersonErrors.EcTokenInvalidCode.With("The ecToken is not a live e-certificate token issued to this institution: scan the person's QR code again.");

    private static DomainError CardInvalid => PersonErrors.CardInvalid.With("mdtrt_cert_no and card_sn are not an insured person's ID number and social security card.");

    private static bool CardMatches(PersonRow person, IdentifyPerson command) => person.CardSn is { } card && card == command.CardSn;

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
