using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Settlement;
using Yibao.Domain.Privacy;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Settlements;

/// <summary>
/// A settlement as the agency's staff see it (the console's settlement page): its lines with their
/// split, its audit history (the visit's and its own), and the payment order that held it, if any;
/// the person masked, as in the list.
/// </summary>
public sealed record GetSettlementRecord(string SetlId);

public sealed record SettlementRecord(
    SettlementRow Settlement,
    string PsnNameMasked,
    string CertnoMasked,
    IReadOnlyList<SettlementLineRow> Lines,
    IReadOnlyList<AuditEntryRow> History,
    PaymentOrderRow? Order);

public sealed class GetSettlementRecordHandler(YibaoDbContext db)
{
    public async Task<Result<SettlementRecord>> HandleAsync(GetSettlementRecord command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var settlement = await db.Settlements.AsNoTracking().Include(s => s.Lines).FirstOrDefaultAsync(s => s.SetlId == command.SetlId, ct);
        if (settlement is null)
        {
            return SettlementErrors.SettlementNotFound(command.SetlId, null);
        }

        var person = await db.Persons.AsNoTracking().Where(p => p.PsnNo == settlement.PsnNo).Select(p => new { p.Name, p.Certno }).FirstAsync(ct);
        var history = await db.AuditLog.AsNoTracking()
            .Where(a => (a.EntityType == "settlement" && a.EntityId == settlement.SetlId) || (a.EntityType == "visit" && a.EntityId == settlement.MdtrtId))
            .OrderBy(a => a.Id)
            .ToListAsync(ct);
        var order = await db.PaymentOrders.AsNoTracking().FirstOrDefaultAsync(o => o.SetlId == settlement.SetlId, ct);
        return new SettlementRecord(settlement, Masking.Name(person.Name), Masking.IdNumber(person.Certno), settlement.Lines.OrderBy(l => l.LineNo).ToList(), history, order);
    }
}
