using Microsoft.EntityFrameworkCore;
using Yibao.Application.Ledger;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlements;

/// <summary>Finding a settlement as its caller may see it, and locking its person's ledger before changing it.</summary>
internal static class SettlementAccess
{
    /// <summary>The settlement, read after its person's ledger is locked, so its state is current.</summary>
    public static async Task<Result<(SettlementRow Settlement, ILedgerLock Ledger)>> LockAsync(YibaoDbContext db, IPersonLedger ledgers, string setlId, string? institution, CancellationToken ct)
    {
        var head = await db.Settlements.AsNoTracking().Where(s => s.SetlId == setlId)
            .Select(s => new { s.PsnNo, s.Year, s.FixmedinsCode }).FirstOrDefaultAsync(ct);
        if (head is null || (institution is not null && head.FixmedinsCode != institution))
        {
            return SettlementErrors.SettlementNotFound(setlId, institution);
        }

        var ledger = await ledgers.LockAsync(head.PsnNo, head.Year, ct) ?? throw new InvalidOperationException($"person {head.PsnNo} has no ledger");
        var settlement = await db.Settlements.Include(s => s.Lines).FirstAsync(s => s.SetlId == setlId, ct);
        return (settlement, ledger);
    }
}
