using Yibao.Domain.Persons;

namespace Yibao.Domain.Designation;

/// <summary>
/// Online care is follow-up care: an online visit is payable only when the person was already
/// diagnosed with that disease offline within the window, or is registered for it as a chronic
/// or special disease. Diagnoses match by ICD-10 category (I10.x00 is I10).
/// </summary>
public static class OnlineFollowUp
{
    public const int DefaultWindowMonths = 12;

    public static DomainError NotVerified(string message) => DesignationErrors.FollowUpNotVerified.With(message);

    /// <param name="priorOfflineVisits">The person's settled offline visits: date and diagnosis.</param>
    public static DomainError? Verify(
        string? diagnosis,
        DateOnly visitDate,
        IEnumerable<ChronicRegistration> chronic,
        IEnumerable<(DateOnly Date, string? Disease)> priorOfflineVisits,
        int windowMonths = DefaultWindowMonths)
    {
        ArgumentNullException.ThrowIfNull(chronic);
        ArgumentNullException.ThrowIfNull(priorOfflineVisits);
        if (string.IsNullOrWhiteSpace(diagnosis))
        {
            return NotVerified("An online follow-up needs the diagnosis (dise_codg) it follows up.");
        }

        var category = InternetPlusAgreement.IcdCategory(diagnosis);
        if (chronic.Any(c => c.From <= visitDate && InternetPlusAgreement.IcdCategory(c.Disease) == category))
        {
            return null;
        }

        var since = visitDate.AddMonths(-windowMonths);
        return priorOfflineVisits.Any(v => v.Date >= since && v.Date <= visitDate && v.Disease is { } d && InternetPlusAgreement.IcdCategory(d) == category)
            ? null
            : NotVerified($"No offline visit for {category} in the last {windowMonths} months and no chronic-disease registration for it: this is not a follow-up.");
    }
}
