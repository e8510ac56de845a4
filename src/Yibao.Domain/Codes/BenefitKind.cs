namespace Yibao.Domain.Codes;

/// <summary>The benefit a medical type draws on; each has its own deductible, ratio, cap and accumulators.</summary>
public enum BenefitKind
{
    Outpatient = 0,
    Chronic = 1,
    Inpatient = 2,
    Pharmacy = 3,
}

public static class BenefitKinds
{
    public const int Count = 4;

    public static IReadOnlyList<BenefitKind> All { get; } = [BenefitKind.Outpatient, BenefitKind.Chronic, BenefitKind.Inpatient, BenefitKind.Pharmacy];

    public static string ToName(this BenefitKind kind) => kind switch
    {
        BenefitKind.Outpatient => "outpatient",
        BenefitKind.Chronic => "chronic",
        BenefitKind.Inpatient => "inpatient",
        BenefitKind.Pharmacy => "pharmacy",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? name, out BenefitKind kind)
    {
        switch (name)
        {
            case "outpatient": kind = BenefitKind.Outpatient; return true;
            case "chronic": kind = BenefitKind.Chronic; return true;
            case "inpatient": kind = BenefitKind.Inpatient; return true;
            case "pharmacy": kind = BenefitKind.Pharmacy; return true;
            default: kind = default; return false;
        }
    }
}
