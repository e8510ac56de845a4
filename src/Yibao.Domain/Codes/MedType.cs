namespace Yibao.Domain.Codes;

/// <summary>National medical-type codes (<c>med_type</c>) and the benefit kind each draws on.</summary>
public static class MedType
{
    public const string GeneralOutpatient = "11";
    public const string ChronicOutpatient = "14";
    public const string Inpatient = "21";
    public const string PharmacyPurchase = "41";

    public static IReadOnlyList<string> All { get; } = [GeneralOutpatient, ChronicOutpatient, Inpatient, PharmacyPurchase];

    public static bool TryGetBenefitKind(string? medType, out BenefitKind kind)
    {
        switch (medType)
        {
            case GeneralOutpatient: kind = BenefitKind.Outpatient; return true;
            case ChronicOutpatient: kind = BenefitKind.Chronic; return true;
            case Inpatient: kind = BenefitKind.Inpatient; return true;
            case PharmacyPurchase: kind = BenefitKind.Pharmacy; return true;
            default: kind = default; return false;
        }
    }
}
