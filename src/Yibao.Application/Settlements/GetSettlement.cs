using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlements;

/// <summary>A settlement with its lines (5203); another institution's settlement does not exist for the caller.</summary>
public sealed record GetSettlement(string SetlId, string? Institution = null);

public sealed class GetSettlementHandler(YibaoDbContext db)
{
    public async Task<Result<SettlementRow>> HandleAsync(GetSettlement command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var settlement = await db.Settlements.AsNoTracking().Include(s => s.Lines).FirstOrDefaultAsync(s => s.SetlId == command.SetlId, ct);
        return settlement is null || (command.Institution is { } institution && settlement.FixmedinsCode != institution)
            ? SettlementErrors.SettlementNotFound(command.SetlId, command.Institution)
            : settlement;
    }
}
