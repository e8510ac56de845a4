using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Interchange;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Reference;
using Yibao.Storage.Entities;

namespace Yibao.Application.Filings;

/// <summary>
/// A person files for treatment in another area (异地就医备案): <c>longTerm</c> (retiree, resident,
/// posted) or <c>temporaryFiled</c> (referral, emergency, other), from a day (default today) and,
/// for a temporary filing, until a day (default six months).
/// </summary>
/// <param name="Via">The door: <c>phone</c>, <c>counter</c> (staff), <c>api</c>.</param>
public sealed record ApplyForFiling(string PsnNo, string Type, string Reason, string ToArea, DateOnly? From, DateOnly? To, string Via, string Actor);

/// <summary>
/// Checks the filing against the person's others and the rules (<see cref="FilingRules"/>), keeps
/// it at the insured node, and resolves the person's open treatments in that place again (a
/// supplementary emergency filing reaches the treatment it is for), inside the door's unit of work.
/// </summary>
public sealed class ApplyForFilingHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    public async Task<Result<FilingView>> HandleAsync(ApplyForFiling command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = await db.Persons.Include(p => p.Filings).FirstOrDefaultAsync(p => p.PsnNo == command.PsnNo, ct);
        if (person is null)
        {
            return PersonErrors.NotFound(command.PsnNo);
        }

        if (!CodeNames.TryParseFiling(command.Type, out var type))
        {
            return FilingErrors.Invalid.With("the type is longTerm or temporaryFiled");
        }

        var areas = await db.Areas.AsNoTracking().Select(a => a.Admdvs).ToListAsync(ct);
        if (Areas.IsValidCode(command.ToArea) && !areas.Any(a => a == command.ToArea || Areas.ProvinceOf(a) == command.ToArea))
        {
            return ReferenceErrors.UnknownAreaCode.With($"there is no area {command.ToArea} (nor a province with one)");
        }

        var today = calendar.Today;
        var from = command.From ?? today;
        var open = Areas.IsValidCode(command.ToArea) && await Filings.OpenTreatments(db, person.PsnNo, command.ToArea, from).AnyAsync(ct);
        var existing = person.Filings.Select(f => f.ToDomain()).ToList();
        var filed = FilingRules.Apply(new FilingApplication(type, command.Reason, command.ToArea, from, command.To), person.Area, existing, today, open);
        if (!filed.IsSuccess)
        {
            return filed.Error;
        }

        var f = filed.Value;
        var row = new FilingRow
        {
            PsnNo = person.PsnNo, Type = f.Type.ToName(), Reason = f.Reason, ToArea = f.ToArea, From = f.From, To = f.To,
            FiledVia = command.Via, FiledAt = calendar.Clock.GetUtcNow(),
        };
        person.Filings.Add(row);
        await Filings.ResolveOpenTreatmentsAsync(db, person, f.ToArea, f.From, [.. existing, f], ct);
        db.Record(calendar.Clock.GetUtcNow(), command.Actor, "filing.apply", "person", person.PsnNo, $"{row.Type} {row.Reason} to {row.ToArea} from {row.From:yyyy-MM-dd}{(row.To is { } to ? $" to {to:yyyy-MM-dd}" : "")} via {command.Via}");
        await db.SaveChangesAsync(ct); // within the door's transaction: the answer carries the filing's id
        return Filings.View(row, today);
    }
}
