using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Interchange;
using Yibao.Domain.Persons;
using Yibao.Domain.Policies;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Application.Reference;

/// <summary>
/// Loads or replaces persons with their chronic registrations and filings. The account balance opens
/// a new account; an existing account keeps its balance, which only settlements move.
/// </summary>
public sealed record LoadPersons(IReadOnlyCollection<Person> Persons, string Actor);

public sealed class LoadPersonsHandler(YibaoDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Loads or replaces persons with their chronic registrations and filings. The account balance
    /// opens a new account; an existing account keeps its balance, which only settlements move.
    /// </summary>
    public async Task<Result<int>> HandleAsync(LoadPersons command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var persons = command.Persons;
        foreach (var person in persons)
        {
            if (!await ReferenceAccess.AreaExistsAsync(db, person.Area, cancellationToken))
            {
                return ReferenceErrors.UnknownArea(person.Area);
            }

            if (person.Filings.FirstOrDefault(f => !Areas.IsValidCode(f.ToArea)) is { } badFiling)
            {
                return ReferenceErrors.InvalidPerson($"filing of {person.PsnNo} names area '{badFiling.ToArea}', not a 6-digit code");
            }

            if (await db.Persons.AnyAsync(p => p.Certno == person.Certno && p.PsnNo != person.PsnNo, cancellationToken)
                || persons.Count(p => p.Certno == person.Certno) > 1)
            {
                return ReferenceErrors.DuplicateCertno(person.Certno);
            }

            var row = await db.Persons.Include(p => p.Chronic).Include(p => p.Filings).FirstOrDefaultAsync(p => p.PsnNo == person.PsnNo, cancellationToken);
            if (row is null)
            {
                db.Persons.Add(row = new PersonRow { PsnNo = person.PsnNo, Name = "", Gender = "", Certno = "", Insutype = "", Area = "" });
                db.PersonalAccounts.Add(new PersonalAccountRow { PsnNo = person.PsnNo, Balance = person.AccountBalance });
            }

            row.Name = person.Name;
            row.Gender = person.Gender;
            row.Birthday = person.Birthday;
            row.Certno = person.Certno;
            row.Insutype = person.Insutype;
            row.Area = person.Area;
            row.Retired = person.Retired;
            row.Chronic.Clear();
            row.Chronic.AddRange(person.Chronic.Select(c => new ChronicRegistrationRow { PsnNo = person.PsnNo, Disease = c.Disease, Name = c.Name, From = c.From }));
            row.Filings.Clear();
            row.Filings.AddRange(person.Filings.Select(f => new FilingRow { PsnNo = person.PsnNo, Type = f.Type.ToName(), Reason = f.Reason, ToArea = f.ToArea, From = f.From, To = f.To }));
            db.Record(clock.GetUtcNow(), command.Actor, "person.upsert", "person", person.PsnNo);
            await db.SaveChangesAsync(cancellationToken);
        }

        return persons.Count;
    }
}
