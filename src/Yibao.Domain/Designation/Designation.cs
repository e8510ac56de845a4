namespace Yibao.Domain.Designation;

/// <summary>The state of an institution's designation agreement (定点协议) with the agency.</summary>
public enum AgreementStatus
{
    Active,
    Suspended,
    Ended,
}

/// <summary>What an "Internet+" supplementary agreement lets an internet hospital do online.</summary>
public enum OnlineService
{
    /// <summary>Online follow-up consultation (复诊) for common and chronic diseases.</summary>
    FollowUp,

    /// <summary>Pharmacist online consultation (药事门诊).</summary>
    PharmacyClinic,

    /// <summary>Internet+ home nursing (上门护理).</summary>
    HomeNursing,
}

/// <summary>
/// The "Internet+" supplementary agreement under which an internet hospital, relying on a designated
/// physical institution, is itself designated: its period, its services and the diseases it may
/// treat online (ICD-10 categories; empty means any).
/// </summary>
public sealed record InternetPlusAgreement(
    string InternetHospital,
    DateOnly From,
    DateOnly? To,
    IReadOnlySet<OnlineService> Services,
    IReadOnlySet<string> Diseases)
{
    public bool IsValidOn(DateOnly date) => From <= date && (To is null || date <= To);

    public bool Covers(string diseaseCode) => Diseases.Count == 0 || Diseases.Contains(IcdCategory(diseaseCode));

    /// <summary>The ICD-10 category (letter and two digits) that a diagnosis code falls in: I10.x00 → I10.</summary>
    public static string IcdCategory(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var trimmed = code.Trim().ToUpperInvariant();
        return trimmed.Length > 3 ? trimmed[..3] : trimmed;
    }
}

public static class DesignationErrors
{
    public static readonly ErrorCode InstitutionSuspended = new("institution_suspended", ErrorKind.Refused);
    public static readonly ErrorCode NotDesignatedCode = new("not_designated", ErrorKind.Refused);
    public static readonly ErrorCode ServiceNotInScopeCode = new("service_not_in_scope", ErrorKind.Refused);
    public static readonly ErrorCode DiseaseNotInScopeCode = new("disease_not_in_scope", ErrorKind.Refused);
    public static readonly ErrorCode FollowUpNotVerified = new("followup_not_verified", ErrorKind.Refused);
    public static readonly ErrorCode NotAnInternetHospital = new("not_an_internet_hospital", ErrorKind.Refused);
    public static readonly ErrorCode InvalidAgreement = new("invalid_agreement", ErrorKind.Refused);
    public static readonly ErrorCode AgreementEnded = new("agreement_ended", ErrorKind.Refused);

    public static DomainError Suspended(string institution, AgreementStatus status) =>
        InstitutionSuspended.With($"The designation of institution {institution} is {status.ToString().ToLowerInvariant()}: it cannot settle insurance claims.");

    public static DomainError PhysicalSuspended(string internetHospital, string physical, AgreementStatus status) =>
        InstitutionSuspended.With($"Internet hospital {internetHospital} relies on {physical}, whose designation is {status.ToString().ToLowerInvariant()}: its internet hospitals are suspended with it.");

    public static DomainError NotDesignated(string internetHospital, DateOnly date) =>
        NotDesignatedCode.With( $"Internet hospital {internetHospital} has no Internet+ supplementary agreement valid on {date:yyyy-MM-dd}.");

    public static DomainError ServiceNotInScope(string internetHospital, OnlineService service) =>
        ServiceNotInScopeCode.With( $"The agreement of {internetHospital} does not cover {service}.");

    public static DomainError DiseaseNotInScope(string internetHospital, string disease) =>
        DiseaseNotInScopeCode.With( $"The agreement of {internetHospital} does not cover treating {disease} online.");
}

/// <summary>Whether an institution may give (and settle) insurance-covered care on a date.</summary>
public static class DesignationRules
{
    /// <summary>
    /// The status an institution's care is actually under: its own when that is not active, else that
    /// of the physical institution it relies on (an internet hospital follows it at once).
    /// </summary>
    public static AgreementStatus EffectiveStatus(AgreementStatus own, AgreementStatus? reliedOn) =>
        own != AgreementStatus.Active || reliedOn is not { } physical ? own : physical;

    /// <summary>A physical institution or pharmacy: its own agreement must be active.</summary>
    public static DomainError? CheckInstitution(string institution, AgreementStatus status) =>
        status == AgreementStatus.Active ? null : DesignationErrors.Suspended(institution, status);

    /// <summary>
    /// An internet hospital (hospital-run or a third-party platform alike): its own agreement and that
    /// of the physical institution it relies on must be active — suspending the physical institution
    /// suspends its internet hospitals at once — and its supplementary agreement valid on the date.
    /// </summary>
    public static DomainError? CheckInternetHospital(
        string internetHospital,
        AgreementStatus ownStatus,
        string physicalInstitution,
        AgreementStatus physicalStatus,
        InternetPlusAgreement? agreement,
        DateOnly date)
    {
        if (ownStatus != AgreementStatus.Active)
        {
            return DesignationErrors.Suspended(internetHospital, ownStatus);
        }

        if (physicalStatus != AgreementStatus.Active)
        {
            return DesignationErrors.PhysicalSuspended(internetHospital, physicalInstitution, physicalStatus);
        }

        return agreement is null || !agreement.IsValidOn(date) ? DesignationErrors.NotDesignated(internetHospital, date) : null;
    }

    /// <summary>The supplementary agreement must cover the service given and, when known, the disease treated.</summary>
    public static DomainError? CheckScope(InternetPlusAgreement agreement, OnlineService service, string? diseaseCode)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        if (!agreement.Services.Contains(service))
        {
            return DesignationErrors.ServiceNotInScope(agreement.InternetHospital, service);
        }

        return diseaseCode is { Length: > 0 } && !agreement.Covers(diseaseCode)
            ? DesignationErrors.DiseaseNotInScope(agreement.InternetHospital, diseaseCode)
            : null;
    }
}
