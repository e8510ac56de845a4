namespace Yibao.Domain.Settlement;

/// <summary>
/// The refusals of settlement: the engine's own in the spec's order of precedence, then those of
/// claims, their lifecycle and their checks.
/// </summary>
public static class SettlementErrors
{
    public static readonly ErrorCode OnlineFirstVisitCode = new("online_first_visit", ErrorKind.Refused);
    public static readonly ErrorCode UnknownMedTypeCode = new("unknown_med_type", ErrorKind.Refused);
    public static readonly ErrorCode InsutypeMismatchCode = new("insutype_mismatch", ErrorKind.Refused);
    public static readonly ErrorCode InvalidLineCode = new("invalid_line", ErrorKind.Refused);
    public static readonly ErrorCode InvalidSearch = new("invalid_search", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidInstitutionCode = new("invalid_institution", ErrorKind.Refused);

    public static readonly ErrorCode SettlementNotFoundCode = new("settlement_not_found", ErrorKind.NotFound);
    public static readonly ErrorCode NoFeeLinesCode = new("no_fee_lines", ErrorKind.Refused);
    public static readonly ErrorCode PolicyNotFoundCode = new("policy_not_found", ErrorKind.Refused);
    public static readonly ErrorCode CatalogueNotFoundCode = new("catalogue_not_found", ErrorKind.Refused);
    public static readonly ErrorCode PaidByOrderCode = new("settlement_paid_by_order", ErrorKind.Conflict);
    public static readonly ErrorCode ReversalNotPossibleCode = new("reversal_not_possible", ErrorKind.Conflict);
    public static readonly ErrorCode AmountMismatchCode = new("amount_mismatch", ErrorKind.Refused);

    public static readonly ErrorCode NotCommitted = new("settlement_not_committed", ErrorKind.Conflict);
    public static readonly ErrorCode AlreadyCancelled = new("settlement_already_cancelled", ErrorKind.Conflict);
    public static readonly ErrorCode NotCancelled = new("settlement_not_cancelled", ErrorKind.Conflict);
    public static readonly ErrorCode NotPending = new("settlement_not_pending", ErrorKind.Conflict);

    public static readonly ErrorCode ECertRequired = new("ecert_required", ErrorKind.Refused);
    public static readonly ErrorCode ECertInvalid = new("ecert_invalid", ErrorKind.Refused);
    public static readonly ErrorCode FaceCheckRequired = new("face_check_required", ErrorKind.Refused);

    public static DomainError OnlineFirstVisit { get; } = OnlineFirstVisitCode.With("Online care is limited to follow-up visits; a first visit online is not payable.");

    public static DomainError UnknownMedType { get; } = UnknownMedTypeCode.With("The medical type is not one of 11, 14, 21, 41.");

    public static DomainError InsutypeMismatch { get; } = InsutypeMismatchCode.With("The person's insurance type differs from the policy's.");

    public static DomainError InvalidLine { get; } = InvalidLineCode.With("A fee line has qty <= 0, a negative price, or an amount that is not round(price x qty).");

    public static DomainError InvalidInstitutionLevel { get; } = InvalidInstitutionCode.With("The institution level must be 1, 2 or 3.");

    /// <param name="institution">The calling institution, when known: another institution's settlement does not exist for it.</param>
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
