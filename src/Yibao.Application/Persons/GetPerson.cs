using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Domain.Persons;

namespace Yibao.Application.Persons;

/// <summary>A person by <c>psn_no</c>, with chronic registrations and filings.</summary>
/// <param name="InsuplcAdmdvs">When the caller names the insured area, it must be the person's.</param>
public sealed record GetPerson(string PsnNo, string? InsuplcAdmdvs = null);

public sealed class GetPersonHandler(YibaoDbContext db)
{
    public Task<Result<PersonRow>> HandleAsync(GetPerson command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return InAreaAsync(db, command.PsnNo, command.InsuplcAdmdvs, ct);
    }

    internal static async Task<Result<PersonRow>> InAreaAsync(YibaoDbContext db, string psnNo, string? insuplcAdmdvs, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().Include(p => p.Chronic).Include(p => p.Filings).FirstOrDefaultAsync(p => p.PsnNo == psnNo, ct);
        if (person is null)
        {
            return PersonErrors.NotFound(psnNo);
        }

        return insuplcAdmdvs is { } area && area != person.Area ? PersonErrors.InsuredAreaMismatch(area, psnNo, person.Area) : person;
    }
}
