namespace Yibao.Domain.Codes;

/// <summary>The wire names of the code enums, as the spec and fixtures spell them.</summary>
public static class CodeNames
{
    public static string ToName(this Channel value) => value == Channel.Online ? "online" : "offline";

    public static string ToName(this VisitKind value) => value == VisitKind.First ? "first" : "followUp";

    public static string ToName(this Filing value) => value switch
    {
        Filing.None => "none",
        Filing.LongTerm => "longTerm",
        Filing.TemporaryFiled => "temporaryFiled",
        Filing.Unfiled => "unfiled",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    public static string ToName(this CatalogueClass value) => value.ToString();

    public static string ToName(this ItemKind value) => value switch
    {
        ItemKind.Drug => "drug",
        ItemKind.Service => "service",
        ItemKind.Material => "material",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    public static string ToName(this InstitutionKind value) => value switch
    {
        InstitutionKind.Physical => "physical",
        InstitutionKind.Internet => "internet",
        InstitutionKind.Pharmacy => "pharmacy",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    public static string ToName(this DeductiblePer value) => value == DeductiblePer.Year ? "year" : "admission";

    /// <summary>The national <c>chrgitm_lv</c> code: 01 class A, 02 class B, 03 class C.</summary>
    public static string ToChrgitmLv(this CatalogueClass value) => value switch
    {
        CatalogueClass.A => "01",
        CatalogueClass.B => "02",
        _ => "03",
    };

    public static bool TryParseChannel(string? s, out Channel value) => TryParse(s, out value, ("online", Channel.Online), ("offline", Channel.Offline));

    public static bool TryParseVisitKind(string? s, out VisitKind value) => TryParse(s, out value, ("first", VisitKind.First), ("followUp", VisitKind.FollowUp));

    public static bool TryParseFiling(string? s, out Filing value) => TryParse(s, out value,
        ("none", Filing.None), ("longTerm", Filing.LongTerm), ("temporaryFiled", Filing.TemporaryFiled), ("unfiled", Filing.Unfiled));

    public static bool TryParseClass(string? s, out CatalogueClass value) => TryParse(s, out value,
        ("A", CatalogueClass.A), ("B", CatalogueClass.B), ("C", CatalogueClass.C));

    public static bool TryParseItemKind(string? s, out ItemKind value) => TryParse(s, out value,
        ("drug", ItemKind.Drug), ("service", ItemKind.Service), ("material", ItemKind.Material));

    public static bool TryParseInstitutionKind(string? s, out InstitutionKind value) => TryParse(s, out value,
        ("physical", InstitutionKind.Physical), ("internet", InstitutionKind.Internet), ("pharmacy", InstitutionKind.Pharmacy));

    public static bool TryParseDeductiblePer(string? s, out DeductiblePer value) => TryParse(s, out value,
        ("year", DeductiblePer.Year), ("admission", DeductiblePer.Admission));

    private static bool TryParse<T>(string? s, out T value, params ReadOnlySpan<(string Name, T Value)> names)
    {
        foreach (var (name, v) in names)
        {
            if (string.Equals(s, name, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        value = default!;
        return false;
    }
}
