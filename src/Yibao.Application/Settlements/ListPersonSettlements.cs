using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Settlements;

/// <summary>A person's own settlements, committed or cancelled, newest first (at most 50): the phone's history.</summary>
public sealed record ListPersonSettlements(string PsnNo);

/// <summary>A settlement with the name of the institution that made it.</summary>
public sealed record PersonSettlement(SettlementRow Settlement, string InstitutionName);

public sealed class ListPersonSettlementsHandler(YibaoDbContext db)
{
    public async Task<IReadOnlyList<PersonSettlement>> HandleAsync(ListPersonSettlements command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rows = await db.Settlements.AsNoTracking()
            .Where(s => s.PsnNo == command.PsnNo && (s.Status == SettlementStatus.Settled || s.Status == SettlementStatus.Cancelled))
            .Join(db.Institutions, s => s.FixmedinsCode, i => i.FixmedinsCode, (s, i) => new { s, i.Name })
            .ToListAsync(ct);

        // Ordered here: SQLite cannot order by an instant.
        return rows.OrderByDescending(x => x.s.SettledAt).Take(50).Select(x => new PersonSettlement(x.s, x.Name)).ToList();
    }
}
