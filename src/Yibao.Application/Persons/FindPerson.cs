using Yibao.Application.Ledger;
using Yibao.Domain;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Persons;

/// <summary>A person by <c>psn_no</c> or ID number, with the account balance and a year's accumulators (1101 and the native lookup).</summary>
/// <param name="Year">The accumulators' year; defaults to this year in the agency's calendar.</param>
/// <param name="InsuplcAdmdvs">When the caller names the insured area, it must be the person's.</param>
public sealed record FindPerson(string? PsnNo, string? Certno, int? Year = null, string? InsuplcAdmdvs = null);

/// <summary>An insured person as institutions see them before a visit.</summary>
public sealed record PersonDetails(PersonRow Person, PersonLedger Ledger);

public sealed class FindPersonHandler(YibaoDbContext db, IPersonLedger ledgers, AgencyCalendar calendar)
{
    public async Task<Result<PersonDetails>> HandleAsync(FindPerson command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = await PersonAccess.FindAsync(db, command.PsnNo, command.Certno, ct);
        if (person is null)
        {
            return PersonErrors.NotFound(command.PsnNo ?? command.Certno ?? "");
        }

        if (command.InsuplcAdmdvs is { } area && area != person.Area)
        {
            return PersonErrors.InsuredAreaMismatch(area, person.PsnNo, person.Area);
        }

        var ledger = await ledgers.ReadAsync(person.PsnNo, command.Year ?? calendar.Today.Year, ct)
            ?? throw new InvalidOperationException($"person {person.PsnNo} has no ledger");
        return new PersonDetails(person, ledger.Ledger);
    }
}
