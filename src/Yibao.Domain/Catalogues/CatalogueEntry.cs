using Yibao.Domain.Codes;

namespace Yibao.Domain.Catalogues;

/// <summary>One item of a treatment area's catalogue (drug, service or material).</summary>
/// <param name="SelfpayProp">Class B only: the share the patient pays first (<c>selfpay_prop</c>).</param>
/// <param name="PriceCap">Unit price above which the excess is the patient's (<c>pric_uplmt_amt</c>).</param>
public sealed record CatalogueEntry(
    string Code,
    string Name,
    ItemKind Kind,
    CatalogueClass Class,
    decimal SelfpayProp,
    decimal? PriceCap)
{
    /// <summary>What the national catalogue marks the entry as (essential medicine, negotiated drug, …).</summary>
    public CatalogueMarks Marks { get; init; }

    /// <summary>The national fee category (<c>med_chrgitm_type</c>) when the catalogue states one.</summary>
    public string? ChrgitmType { get; init; }

    /// <summary>The restricted-use scope (限制使用范围), e.g. "second-line after metformin"; null when unrestricted.</summary>
    public string? RestrictedUse { get; init; }

    /// <summary>The fee category: as stated, else by kind (drug 09 Western medicine, material 08, service 14 other).</summary>
    public string MedChrgitmType => ChrgitmType ?? Kind switch
    {
        ItemKind.Drug => "09",
        ItemKind.Material => "08",
        _ => "14",
    };

    public static Result<CatalogueEntry> Create(string code, string name, ItemKind kind, CatalogueClass @class, decimal selfpayProp, decimal? priceCap)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return CatalogueErrors.Invalid("catalogue entry code is required");
        }

        if (selfpayProp is < 0 or > 1)
        {
            return CatalogueErrors.Invalid($"selfpayProp of {code} must be within [0, 1]");
        }

        if (priceCap is < 0)
        {
            return CatalogueErrors.Invalid($"priceCap of {code} must not be negative");
        }

        return new CatalogueEntry(code, name, kind, @class, selfpayProp, priceCap);
    }
}

/// <summary>The national catalogue's marks on an entry, answered per fee line by 2204 as <c>0</c>/<c>1</c> flags.</summary>
[Flags]
public enum CatalogueMarks
{
    None = 0,

    /// <summary><c>bas_medn_flag</c>: on the national essential medicines list.</summary>
    EssentialMedicine = 1,

    /// <summary><c>hi_nego_drug_flag</c>: a drug whose price was negotiated by the national insurance administration.</summary>
    NegotiatedDrug = 2,

    /// <summary><c>chld_medc_flag</c>: a child medicine.</summary>
    ChildMedicine = 4,

    /// <summary><c>list_sp_item_flag</c>: a special item (e.g. high-value material) under its own management.</summary>
    SpecialItem = 8,
}

public static class CatalogueErrors
{
    public static DomainError Invalid(string message) => Interchange.ReferenceErrors.InvalidCatalogue.With(message);
}
