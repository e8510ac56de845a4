using Yibao.Application.Ledger;
using Yibao.Application.Settlements.Checks;
using Yibao.Application.Visits;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Settlements;

/// <summary>
/// Pre-settlement (2206): the settlement as it would be, computed and stored nowhere. A medical type
/// named in the terms becomes the visit's all the same, as an implicit 2203.
/// </summary>
public sealed record PreSettleVisit(string MdtrtId, ClaimTerms Terms, VisitScope Scope = default);

public sealed class PreSettleVisitHandler(YibaoDbContext db, ClaimPreparation claims, IPersonLedger ledgers, AgencyCalendar calendar, Federation.InsuredNodes insuredNodes)
{
    /// <summary>The settlement as it would be stored; its id and time are not kept.</summary>
    public async Task<Result<SettlementRow>> HandleAsync(PreSettleVisit command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = await claims.FindAsync(command.MdtrtId, command.Scope, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var visit = found.Value.Visit;
        if (db.OpenForClaim(visit, command.Terms.MedType, calendar) is { } closed)
        {
            return closed;
        }

        Result<ComputedClaim> claim;
        if (insuredNodes.IsElsewhere(visit.InsuredArea))
        {
            // Phase 2 at the person's node, computed there and kept nowhere.
            claim = await claims.ComputeAsync(found.Value, command.Terms, ClaimStage.PreSettlement, new RemotePhaseTwo(visit.InsuredArea, Ids.New("PS", calendar.Now), Take: false), ct);
        }
        else
        {
            var ledger = await ledgers.ReadAsync(visit.PsnNo, visit.VisitDate.Year, ct)
                ?? throw new InvalidOperationException($"person {visit.PsnNo} has no ledger");
            claim = await claims.ComputeAsync(found.Value, command.Terms, ClaimStage.PreSettlement, ledger.Ledger, ledger.Insured, ct);
        }

        return claim.IsSuccess ? SettlementRows.Build(claim.Value, SettlementStatus.Settled, calendar) : claim.Error;
    }
}
