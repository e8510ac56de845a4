using Yibao.Domain;

namespace Yibao.Application.Settlements;

/// <summary>The refusals of settlement, beyond the engine's own (<see cref="Domain.Settlement.SettlementErrors"/>).</summary>
public static class ClaimErrors
{
    public static readonly ErrorCode SettlementNotFoundCode = new("settlement_not_found", ErrorKind.NotFound);
    public static readonly ErrorCode NoFeeLinesCode = new("no_fee_lines", ErrorKind.Refused);
    public static readonly ErrorCode PolicyNotFoundCode = new("policy_not_found", ErrorKind.Refused);
    public static readonly ErrorCode CatalogueNotFoundCode = new("catalogue_not_found", ErrorKind.Refused);
    public static readonly ErrorCode PaidByOrderCode = new("settlement_paid_by_order", ErrorKind.Conflict);
    public static readonly ErrorCode ReversalNotPossibleCode = new("reversal_not_possible", ErrorKind.Conflict);
    public static readonly ErrorCode AmountMismatchCode = new("amount_mismatch", ErrorKind.Refused);

    public static DomainError SettlementNotFound(string setlId, string? institution) => SettlementNotFoundCode.With(institution is null
        ? $"Settlement {setlId} does not exist."
        : $"Settlement {setlId} does not exist at institution {institution}.");

    public static DomainError NoFeeLines(string mdtrtId) => NoFeeLinesCode.With($"Visit {mdtrtId} has no fee lines to settle.");

    public static DomainError PolicyNotFound(string area, string insutype, int year) =>
        PolicyNotFoundCode.With($"No policy is loaded for area {area}, insutype {insutype}, year {year}.");

    public static DomainError CatalogueNotFound(string area) => CatalogueNotFoundCode.With($"No catalogue is loaded for area {area}.");

    public static DomainError PaidByOrder(string setlId) =>
        PaidByOrderCode.With($"Settlement {setlId} was paid through a payment order: refund the order, which also returns the cash.");

    public static DomainError ReversalNotPossible(string setlId) =>
        ReversalNotPossibleCode.With($"Settlement {setlId} cannot be restored: the person's account or visit changed after its cancellation.");
}
