using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Policies;

namespace Yibao.Domain.Pricing;

/// <summary>How the agency prices an Internet+ service.</summary>
public enum PricingRule
{
    /// <summary>A price for each institution level.</summary>
    ByLevel,

    /// <summary>The price of another item at the same level: an online follow-up costs what an ordinary outpatient consultation does.</summary>
    FollowsItem,

    /// <summary>Set by the institution and paid by the person (home nursing's on-site fee, delivery): never covered.</summary>
    SelfPaid,
}

/// <summary>One Internet+ service of the agency's price list.</summary>
/// <param name="Code">
/// The item code, per the coding rule of the national service-item catalogue. As there, a
/// consultation priced by the doctor's grade (first visits, where the agency opens them) is one item
/// per grade, each naming its <paramref name="DoctorGrade"/>.
/// </param>
public sealed record InternetPlusService(
    string Code,
    string Name,
    string Content,
    string Unit,
    string Description,
    PricingRule Rule,
    LevelTable? Prices = null,
    string? Follows = null,
    string? DoctorGrade = null);

/// <summary>
/// An area's price list for Internet+ services. The governing price of a service becomes its price
/// cap at the effective level, so a fee above it is flagged and the excess is the person's by the
/// spec's price-cap rule; self-paid services are fully the person's.
/// </summary>
public sealed class InternetPlusPriceList
{
    private readonly Dictionary<string, InternetPlusService> _services;

    public InternetPlusPriceList(string area, IEnumerable<InternetPlusService> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Area = area;
        _services = services.ToDictionary(s => s.Code, StringComparer.Ordinal);
    }

    public static InternetPlusPriceList Empty(string area) => new(area, []);

    public string Area { get; }

    public IEnumerable<InternetPlusService> Services => _services.Values;

    public InternetPlusService? Find(string code) => _services.GetValueOrDefault(code);

    /// <summary>The price the agency allows for a service at an institution level, or null when the list does not govern it.</summary>
    public decimal? GoverningPrice(string code, int level)
    {
        var service = Find(code);
        return service?.Rule switch
        {
            PricingRule.ByLevel => service.Prices?[level],
            PricingRule.FollowsItem when service.Follows is { } followed && Find(followed) is { Rule: PricingRule.ByLevel, Prices: { } prices } => prices[level],
            _ => null,
        };
    }

    /// <summary>The catalogue entry as the price list governs it at this level: capped, or made self-paid.</summary>
    public CatalogueEntry? Govern(CatalogueEntry? entry, string code, int level)
    {
        var service = Find(code);
        if (service is null)
        {
            return entry;
        }

        if (service.Rule == PricingRule.SelfPaid)
        {
            return (entry ?? new CatalogueEntry(code, service.Name, ItemKind.Service, CatalogueClass.C, 1m, null)) with { Class = CatalogueClass.C, SelfpayProp = 1m };
        }

        if (entry is null || GoverningPrice(code, level) is not { } governing)
        {
            return entry;
        }

        return entry with { PriceCap = entry.PriceCap is { } cap ? Math.Min(cap, governing) : governing };
    }

    /// <summary>The whole catalogue as governed at one level (for settling a claim).</summary>
    public Catalogue Govern(Catalogue catalogue, int level)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (_services.Count == 0)
        {
            return catalogue;
        }

        var entries = catalogue.Entries.ToDictionary(e => e.Code, StringComparer.Ordinal);
        foreach (var service in _services.Values)
        {
            if (Govern(entries.GetValueOrDefault(service.Code), service.Code, level) is { } governed)
            {
                entries[service.Code] = governed;
            }
        }

        return new Catalogue(entries.Values);
    }
}
