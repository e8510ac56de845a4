namespace Yibao.Domain.Settlement;

/// <summary>The engine's refusals, in the spec's order of precedence.</summary>
public static class SettlementErrors
{
    public static DomainError OnlineFirstVisit { get; } = new("online_first_visit", "Online care is limited to follow-up visits; a first visit online is not payable.");

    public static DomainError UnknownMedType { get; } = new("unknown_med_type", "The medical type is not one of 11, 14, 21, 41.");

    public static DomainError InsutypeMismatch { get; } = new("insutype_mismatch", "The person's insurance type differs from the policy's.");

    public static DomainError InvalidLine { get; } = new("invalid_line", "A fee line has qty <= 0, a negative price, or an amount that is not round(price x qty).");

    public static DomainError InvalidInstitutionLevel { get; } = new("invalid_institution", "The institution level must be 1, 2 or 3.");
}
