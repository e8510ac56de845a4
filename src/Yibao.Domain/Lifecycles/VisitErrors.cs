namespace Yibao.Domain.Lifecycles;

/// <summary>The refusals of registering, finding and changing visits.</summary>
public static class VisitErrors
{
    public static readonly ErrorCode NotFoundCode = new("visit_not_found", ErrorKind.NotFound);
    public static readonly ErrorCode PersonMismatchCode = new("visit_person_mismatch", ErrorKind.Refused);
    public static readonly ErrorCode ChannelMismatchCode = new("channel_mismatch", ErrorKind.Refused);
    public static readonly ErrorCode DuplicateFeedetlSnCode = new("duplicate_feedetl_sn", ErrorKind.Conflict);
    public static readonly ErrorCode AlreadySettled = new("visit_already_settled", ErrorKind.Conflict);
    public static readonly ErrorCode AwaitingPayment = new("visit_awaiting_payment", ErrorKind.Conflict);
    public static readonly ErrorCode VisitCancelled = new("visit_cancelled", ErrorKind.Conflict);
    public static readonly ErrorCode NotSettled = new("visit_not_settled", ErrorKind.Conflict);
    public static readonly ErrorCode NotPaying = new("visit_not_paying", ErrorKind.Conflict);

    /// <param name="institution">The calling institution, when known: another institution's visit does not exist for it.</param>
    public static DomainError NotFound(string mdtrtId, string? institution) => NotFoundCode.With(institution is null
        ? $"Visit {mdtrtId} does not exist."
        : $"Visit {mdtrtId} does not exist at institution {institution}.");

    public static DomainError PersonMismatch(string mdtrtId, string psnNo) => PersonMismatchCode.With($"Visit {mdtrtId} is not a visit of person {psnNo}.");

    public static DomainError ChannelMismatch(string message) => ChannelMismatchCode.With(message);

    public static DomainError DuplicateFeedetlSn(string mdtrtId, string feedetlSn) =>
        DuplicateFeedetlSnCode.With($"Fee line {feedetlSn} was already uploaded to visit {mdtrtId}.");
}
