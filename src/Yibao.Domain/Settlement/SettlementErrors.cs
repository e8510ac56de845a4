namespace Yibao.Domain.Settlement;

/// <summary>The engine's refusals, in the spec's order of precedence.</summary>
public static class SettlementErrors
{
    public static readonly ErrorCode OnlineFirstVisitCode = new("online_first_visit", ErrorKind.Refused);
    public static readonly ErrorCode UnknownMedTypeCode = new("unknown_med_type", ErrorKind.Refused);
    public static readonly ErrorCode InsutypeMismatchCode = new("insutype_mismatch", ErrorKind.Refused);
    public static readonly ErrorCode InvalidLineCode = new("invalid_line", ErrorKind.Refused);
    public static readonly ErrorCode InvalidInstitutionCode = new("invalid_institution", ErrorKind.Refused);

    public static DomainError OnlineFirstVisit { get; } = OnlineFirstVisitCode.With("Online care is limited to follow-up visits; a first visit online is not payable.");

    public static DomainError UnknownMedType { get; } = UnknownMedTypeCode.With("The medical type is not one of 11, 14, 21, 41.");

    public static DomainError InsutypeMismatch { get; } = InsutypeMismatchCode.With("The person's insurance type differs from the policy's.");

    public static DomainError InvalidLine { get; } = InvalidLineCode.With("A fee line has qty <= 0, a negative price, or an amount that is not round(price x qty).");

    public static DomainError InvalidInstitutionLevel { get; } = InvalidInstitutionCode.With("The institution level must be 1, 2 or 3.");
}
