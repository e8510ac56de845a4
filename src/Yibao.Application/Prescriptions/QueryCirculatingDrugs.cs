using Yibao.Application.Reference;
using Yibao.Domain;
using Yibao.Domain.Codes;

namespace Yibao.Application.Prescriptions;

/// <summary>A drug that may circulate on a prescription: in the institution's area catalogue, and payable (class A or B).</summary>
public sealed record CirculatingDrug(string MedListCodg, string DrugGenname, string ChrgitmLv, decimal? PriceCap);

public sealed record CirculatingDrugs(int PageNo, int PageSize, int Total, IReadOnlyList<CirculatingDrug> List);

/// <summary><c>circDrugQuery</c>: the drugs an institution's prescriptions may circulate, by code or name, a page at a time.</summary>
public sealed record QueryCirculatingDrugs(string FixmedinsCode, string? Keyword, int PageNo, int PageSize);

public sealed class QueryCirculatingDrugsHandler(ReferenceData reference)
{
    public async Task<Result<CirculatingDrugs>> HandleAsync(QueryCirculatingDrugs command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var institution = await reference.InstitutionAsync(command.FixmedinsCode, ct);
        var catalogue = institution is null ? null : await reference.CurrentCatalogueAsync(institution.Row.Area, ct);
        if (catalogue is null)
        {
            return Domain.Institutions.InstitutionErrors.NotFoundCode.With($"there is no catalogue for institution {command.FixmedinsCode}");
        }

        var (page, size) = (Math.Max(1, command.PageNo), Math.Clamp(command.PageSize, 1, 100));
        var keyword = command.Keyword?.Trim();
        var drugs = catalogue.Catalogue.Entries
            .Where(e => e.Kind == ItemKind.Drug && e.Class is CatalogueClass.A or CatalogueClass.B)
            .Where(e => string.IsNullOrEmpty(keyword) || e.Code.Contains(keyword, StringComparison.OrdinalIgnoreCase) || e.Name.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.Code, StringComparer.Ordinal)
            .ToList();
        return new CirculatingDrugs(page, size, drugs.Count, [.. drugs.Skip((page - 1) * size).Take(size).Select(e => new CirculatingDrug(e.Code, e.Name, e.Class.ToChrgitmLv(), e.PriceCap))]);
    }
}
