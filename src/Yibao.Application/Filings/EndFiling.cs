using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Reference;

namespace Yibao.Application.Filings;

/// <summary>A person ends one of their filings: today is its last day covered (one not yet begun never begins).</summary>
public sealed record EndFiling(string PsnNo, long FilingId, string Via, string Actor);

/// <summary>Ends the filing; another person's is not found. Staged, for the door's unit of work.</summary>
public sealed class EndFilingHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    public async Task<Result<FilingView>> HandleAsync(EndFiling command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var row = await db.Filings.FirstOrDefaultAsync(f => f.Id == command.FilingId && f.PsnNo == command.PsnNo, ct);
        if (row is null)
        {
            return FilingErrors.NotFound.With($"there is no filing {command.FilingId} of yours");
        }

        var today = calendar.Today;
        var ended = FilingRules.End(row.ToDomain(), today);
        if (!ended.IsSuccess)
        {
            return ended.Error;
        }

        (row.To, row.EndedAt, row.EndedVia) = (ended.Value.To, calendar.Clock.GetUtcNow(), command.Via);
        db.Record(calendar.Clock.GetUtcNow(), command.Actor, "filing.end", "person", row.PsnNo, $"{row.Type} to {row.ToArea}: last day {row.To:yyyy-MM-dd} via {command.Via}");
        return Filings.View(row, today);
    }
}
