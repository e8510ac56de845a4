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

public static class CatalogueErrors
{
    public static DomainError Invalid(string message) => Interchange.ReferenceErrors.InvalidCatalogue.With(message);
}
