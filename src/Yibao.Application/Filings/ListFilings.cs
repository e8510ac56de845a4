using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Persons;
using Yibao.Storage;

namespace Yibao.Application.Filings;

/// <summary>A person's filings, the latest first, and the places they may file for.</summary>
public sealed record ListFilings(string PsnNo);

/// <summary>A place a person may file for: an area of another province's, or that whole province.</summary>
public sealed record FilingPlace(string Code, string Name);

public sealed record PersonFilings(IReadOnlyList<FilingView> Filings, IReadOnlyList<FilingPlace> Places);

public sealed class ListFilingsHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    public async Task<Result<PersonFilings>> HandleAsync(ListFilings command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var area = await db.Persons.AsNoTracking().Where(p => p.PsnNo == command.PsnNo).Select(p => p.Area).FirstOrDefaultAsync(ct);
        if (area is null)
        {
            return PersonErrors.NotFound(command.PsnNo);
        }

        var today = calendar.Today;
        var rows = await db.Filings.AsNoTracking().Where(f => f.PsnNo == command.PsnNo).OrderByDescending(f => f.Id).ToListAsync(ct);
        var areas = await db.Areas.AsNoTracking().ToListAsync(ct);
        var places = areas.Where(a => a.Province != Areas.ProvinceOf(area))
            .SelectMany(a => new[] { new FilingPlace(a.Admdvs, a.Name), new FilingPlace(a.Province, a.Name + " (全省 whole province)") })
            .DistinctBy(p => p.Code).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        return new PersonFilings([.. rows.Select(f => Filings.View(f, today))], places);
    }
}
