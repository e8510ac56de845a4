using System.Globalization;

namespace Yibao.Domain.Prescriptions;

/// <summary>The refusals of the platform's pre-check (<c>uploadChk</c>), one per check of <c>spec/e-prescription.md</c>.</summary>
public static class PrescriptionReviewErrors
{
    /// <summary>The prescription document is malformed: each field's error is named by its path.</summary>
    public static readonly ErrorCode Invalid = new("rx_invalid", ErrorKind.Invalid);

    public static readonly ErrorCode VisitNotFound = new("rx_visit_not_found", ErrorKind.NotFound);
    public static readonly ErrorCode VisitOfAnotherPatient = new("rx_visit_of_another_patient", ErrorKind.Refused);
    public static readonly ErrorCode VisitClosed = new("rx_visit_closed", ErrorKind.Refused);
    public static readonly ErrorCode NotAfterFollowUp = new("rx_online_not_follow_up", ErrorKind.Refused);
    public static readonly ErrorCode DrugNotInCatalogue = new("rx_drug_not_in_catalogue", ErrorKind.Refused);
    public static readonly ErrorCode QuantityOverCourse = new("rx_quantity_over_course", ErrorKind.Refused);
    public static readonly ErrorCode DuplicateTherapy = new("rx_duplicate_therapy", ErrorKind.Refused);
    public static readonly ErrorCode ValidityTooLong = new("rx_validity_too_long", ErrorKind.Refused);
}

/// <summary>The pure checks of a pre-check: the course a drug's quantity covers, the validity limit, duplicate therapy.</summary>
public static class PrescriptionReview
{
    /// <summary>The validity the spec allows when the area sets none: three days.</summary>
    public const int DefaultMaxValidityDays = 3;

    /// <summary>Doses per so many days by <c>used_frqu_codg</c> (the common codes), kept as a fraction so a weekly course counts exactly.</summary>
    private static readonly Dictionary<string, (int Doses, int Days)> Frequencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["qd"] = (1, 1), ["qn"] = (1, 1), ["qm"] = (1, 1), ["bid"] = (2, 1), ["q12h"] = (2, 1), ["tid"] = (3, 1), ["q8h"] = (3, 1),
        ["qid"] = (4, 1), ["q6h"] = (4, 1), ["q4h"] = (6, 1), ["qod"] = (1, 2), ["biw"] = (2, 7), ["tiw"] = (3, 7), ["qw"] = (1, 7),
    };

    /// <summary>
    /// The most of <paramref name="drug"/> its course needs (days × dose × doses a day), when that can
    /// be said: a known frequency, and the dose counted in the unit the quantity is (otherwise null,
    /// and the pharmacist's review is what judges it).
    /// </summary>
    public static decimal? CourseQuantity(PrescribedDrug drug)
    {
        ArgumentNullException.ThrowIfNull(drug);
        if (drug.UsedFrquCodg is not { } code || !Frequencies.TryGetValue(code, out var frequency)
            || !string.Equals(drug.SinDosunt ?? "", drug.DrugDosunt ?? "", StringComparison.Ordinal))
        {
            return null;
        }

        return Math.Ceiling(drug.MedcDays * drug.SinDoscnt * frequency.Doses / frequency.Days);
    }

    public static DomainError? CheckCourse(PrescribedDrug drug)
    {
        ArgumentNullException.ThrowIfNull(drug);
        return CourseQuantity(drug) is { } most && drug.DrugCnt > most
            ? PrescriptionReviewErrors.QuantityOverCourse.With(
                $"{drug.MedListCodg} ({drug.DrugGenname}): {drug.DrugCnt.ToString(CultureInfo.InvariantCulture)} {drug.DrugDosunt} is more than {drug.MedcDays} days of {drug.SinDoscnt.ToString(CultureInfo.InvariantCulture)} {drug.SinDosunt} {drug.UsedFrquCodg} ({most.ToString(CultureInfo.InvariantCulture)})")
            : null;
    }

    public static DomainError? CheckValidity(int valiDays, int maxDays) => valiDays < 1 || valiDays > maxDays
        ? PrescriptionReviewErrors.ValidityTooLong.With($"valiDays is {valiDays}: a prescription here is valid 1 to {maxDays} days")
        : null;

    /// <summary>The first drug also on another of the patient's prescriptions still in force at <paramref name="at"/> (that prescription's number with it).</summary>
    public static DomainError? CheckDuplicates(IEnumerable<PrescribedDrug> drugs, IEnumerable<(string HiRxno, DateTimeOffset ValidUntil, IReadOnlyCollection<string> Codes)> others, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(drugs);
        ArgumentNullException.ThrowIfNull(others);
        var inForce = others.Where(o => o.ValidUntil > at).ToList();
        foreach (var drug in drugs)
        {
            if (inForce.FirstOrDefault(o => o.Codes.Contains(drug.MedListCodg)) is { HiRxno: not null } other)
            {
                return PrescriptionReviewErrors.DuplicateTherapy.With($"{drug.MedListCodg} ({drug.DrugGenname}) is already prescribed on {other.HiRxno}, valid until {other.ValidUntil:yyyy-MM-dd HH:mm}");
            }
        }

        return null;
    }
}
