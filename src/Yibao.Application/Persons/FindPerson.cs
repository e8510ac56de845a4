using Microsoft.EntityFrameworkCore;
using Yibao.Application.Ledger;
using Yibao.Domain;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Persons;

/// <summary>
/// A person by <c>psn_no</c>, with the account balance and a year's accumulators (1101 and the
/// native lookup, once <see cref="IdentifyPerson"/> has seen the proof that the person is present).
/// The read leaves an access record naming <paramref name="Reader"/>.
/// </summary>
/// <param name="Year">The accumulators' year; defaults to this year in the agency's calendar.</param>
/// <param name="InsuplcAdmdvs">When the caller names the insured area, it must be the person's.</param>
/// <param name="TreatedAt">
/// An institution that names the person by <c>psn_no</c> alone (5206) sees only its own patients:
/// a person never registered there answers as if there were none.
/// </param>
public sealed record FindPerson(string PsnNo, PersonReader Reader, int? Year = null, string? InsuplcAdmdvs = null, string? TreatedAt = null);

/// <summary>An insured person as institutions see them before a visit.</summary>
public sealed record PersonDetails(PersonRow Person, PersonLedger Ledger);

public sealed class FindPersonHandler(YibaoDbContext db, WriteGate gate, IPersonLedger ledgers, AgencyCalendar calendar, TimeProvider clock, Federation.InsuredNodes insuredNodes)
{
    public async Task<Result<PersonDetails>> HandleAsync(FindPerson command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = await PersonAccess.FindAsync(db, command.PsnNo, ct);
        if (person is null || command.TreatedAt is { } institution && !await db.Visits.AnyAsync(v => v.PsnNo == person.PsnNo && v.FixmedinsCode == institution, ct))
        {
            return PersonErrors.NotFound(command.PsnNo);
        }

        if (command.InsuplcAdmdvs is { } area && area != person.Area)
        {
            return PersonErrors.InsuredAreaMismatch(area, person.PsnNo, person.Area);
        }

        var year = command.Year ?? calendar.Today.Year;
        PersonLedger ledger;
        if (insuredNodes.IsElsewhere(person.Area))
        {
            // The ledger of a person insured on another node is there.
            var remote = await insuredNodes.ReadLedgerAsync(person.PsnNo, person.Area, year, ct);
            if (!remote.IsSuccess)
            {
                return remote.Error;
            }

            ledger = remote.Value.Ledger.ToDomain();
        }
        else
        {
            ledger = (await ledgers.ReadAsync(person.PsnNo, year, ct) ?? throw new InvalidOperationException($"person {person.PsnNo} has no ledger")).Ledger;
        }

        await PersonReads.RecordAsync(db, gate, command.Reader, person.PsnNo, "person", clock.GetUtcNow(), ct);
        return new PersonDetails(person, ledger);
    }
}
