using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Filings;

/// <summary>A filing as people see it: <c>active</c> today, <c>upcoming</c>, or <c>ended</c> (past its last day, or ended by the person, whose last day covered is <paramref name="To"/>).</summary>
public sealed record FilingView(long Id, string Type, string Reason, string ToArea, DateOnly From, DateOnly? To, string Status, string? FiledVia);

/// <summary>What the filing use cases share: the view of a row, and bringing the person's open treatments up to date.</summary>
internal static class Filings
{
    public static FilingView View(FilingRow f, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(f);
        // Ended today, it still covers today: but it is the person's act, and shown as ended.
        var status = f.EndedAt is not null || (f.To is { } to && to < today) ? "ended" : f.From > today ? "upcoming" : "active";
        return new FilingView(f.Id, f.Type, f.Reason, f.ToArea, f.From, f.To, status, f.FiledVia);
    }

    /// <summary>The person's treatments in the place from <paramref name="since"/> that are registered and not yet settled.</summary>
    public static IQueryable<VisitRow> OpenTreatments(YibaoDbContext db, string psnNo, string toArea, DateOnly since)
    {
        var registered = VisitStatus.Registered;
        var province = toArea.EndsWith("0000", StringComparison.Ordinal) ? toArea[..2] : null;
        return db.Visits.Where(v => v.PsnNo == psnNo && v.Status == registered && v.VisitDate >= since
            && (v.TreatmentArea == toArea || (province != null && v.TreatmentArea.StartsWith(province))));
    }

    /// <summary>
    /// A registered treatment settles under the filing resolved when it was registered: a filing
    /// made since (a supplementary one after an emergency) is resolved again for the person's open
    /// treatments in that place, so that their settlement sees it.
    /// </summary>
    public static async Task ResolveOpenTreatmentsAsync(YibaoDbContext db, PersonRow person, string toArea, DateOnly since, IReadOnlyList<CrossRegionFiling> filings, CancellationToken ct)
    {
        foreach (var visit in await OpenTreatments(db, person.PsnNo, toArea, since).ToListAsync(ct))
        {
            visit.Filing = CrossRegionFilings.Resolve(person.Area, visit.TreatmentArea, visit.VisitDate, filings).ToName();
        }
    }
}
