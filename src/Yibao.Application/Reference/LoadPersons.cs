using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Interchange;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Entities;

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
        var byCertno = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var person in persons)
        {
            if (!byCertno.TryAdd(person.Certno, person.PsnNo))
            {
                return ReferenceErrors.DuplicateCertno(person.Certno);
            }

            if (person.Filings.FirstOrDefault(f => !Areas.IsValidCode(f.ToArea)) is { } badFiling)
            {
                return ReferenceErrors.InvalidPerson($"filing of {person.PsnNo} names area '{badFiling.ToArea}', not a 6-digit code");
            }
        }

        foreach (var area in persons.Select(p => p.Area).Distinct(StringComparer.Ordinal))
        {
            if (!await ReferenceAccess.AreaExistsAsync(db, area, cancellationToken))
            {
                return ReferenceErrors.UnknownArea(area);
            }
        }

        // A batch at a time: its existing rows and its ID numbers' owners in two queries, saved together.
        foreach (var chunk in persons.Chunk(Chunk))
        {
            var psnNos = chunk.Select(p => p.PsnNo).ToList();
            var certnos = chunk.Select(p => p.Certno).ToList();
            var owners = await db.Persons.AsNoTracking().Where(p => certnos.Contains(p.Certno)).Select(p => new { p.Certno, p.PsnNo }).ToListAsync(cancellationToken);
            if (owners.FirstOrDefault(o => byCertno[o.Certno] != o.PsnNo) is { } taken)
            {
                return ReferenceErrors.DuplicateCertno(taken.Certno);
            }

            var existing = await db.Persons.Include(p => p.Chronic).Include(p => p.Filings).AsSplitQuery()
                .Where(p => psnNos.Contains(p.PsnNo)).ToDictionaryAsync(p => p.PsnNo, StringComparer.Ordinal, cancellationToken);
            foreach (var person in chunk)
            {
                if (!existing.TryGetValue(person.PsnNo, out var row))
                {
                    db.Persons.Add(row = new PersonRow { PsnNo = person.PsnNo, Name = "", Gender = "", Certno = "", Insutype = "", Area = "" });
                    db.PersonalAccounts.Add(new PersonalAccountRow { PsnNo = person.PsnNo, Balance = person.AccountBalance });
                }

                Write(row, person);
                db.Record(clock.GetUtcNow(), command.Actor, "person.upsert", "person", person.PsnNo);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return persons.Count;
    }

    /// <summary>Persons per batch: two reads and one save each, so loading grows linearly with the population.</summary>
    private const int Chunk = 500;

    private static void Write(PersonRow row, Person person)
    {
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
    }
}
