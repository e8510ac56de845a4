using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Persons;
using Yibao.Storage.Entities;

namespace Yibao.Storage.Reference;

/// <summary>Rows to domain objects and back. Stored codes are the wire names of the domain enums.</summary>
public static class ReferenceMapping
{
    public static CatalogueEntry ToDomain(this CatalogueEntryRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        CodeNames.TryParseItemKind(row.Kind, out var kind);
        CodeNames.TryParseClass(row.Class, out var @class);
        var marks = (row.EssentialMedicine ? CatalogueMarks.EssentialMedicine : CatalogueMarks.None)
            | (row.NegotiatedDrug ? CatalogueMarks.NegotiatedDrug : CatalogueMarks.None)
            | (row.ChildMedicine ? CatalogueMarks.ChildMedicine : CatalogueMarks.None)
            | (row.SpecialItem ? CatalogueMarks.SpecialItem : CatalogueMarks.None);
        return new CatalogueEntry(row.Code, row.Name, kind, @class, row.SelfpayProp, row.PriceCap)
        {
            Marks = marks,
            ChrgitmType = row.ChrgitmType,
            RestrictedUse = row.RestrictedUse,
        };
    }

    public static CatalogueEntryRow ToRow(this CatalogueEntry entry, long versionId) => new()
    {
        VersionId = versionId,
        Code = entry.Code,
        Name = entry.Name,
        Kind = entry.Kind.ToName(),
        Class = entry.Class.ToName(),
        SelfpayProp = entry.SelfpayProp,
        PriceCap = entry.PriceCap,
        EssentialMedicine = entry.Marks.HasFlag(CatalogueMarks.EssentialMedicine),
        NegotiatedDrug = entry.Marks.HasFlag(CatalogueMarks.NegotiatedDrug),
        ChildMedicine = entry.Marks.HasFlag(CatalogueMarks.ChildMedicine),
        SpecialItem = entry.Marks.HasFlag(CatalogueMarks.SpecialItem),
        ChrgitmType = entry.ChrgitmType,
        RestrictedUse = entry.RestrictedUse,
    };

    public static Institution ToDomain(this InstitutionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        CodeNames.TryParseInstitutionKind(row.Kind, out var kind);
        return new Institution(row.FixmedinsCode, row.Name, row.Area, kind, row.Level, row.ReliesOn);
    }

    public static Person ToDomain(this PersonRow row, decimal accountBalance)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new Person(
            row.PsnNo,
            row.Name,
            row.Gender,
            row.Birthday,
            row.Certno,
            row.Insutype,
            row.Area,
            row.Retired,
            accountBalance,
            row.Chronic.OrderBy(c => c.From).Select(c => new ChronicRegistration(c.Disease, c.Name, c.From)).ToList(),
            row.Filings.OrderBy(f => f.From).Select(ToDomain).ToList()) { Naty = row.Naty, CardSn = row.CardSn };
    }

    public static CrossRegionFiling ToDomain(this FilingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        CodeNames.TryParseFiling(row.Type, out var type);
        return new CrossRegionFiling(type, row.Reason, row.ToArea, row.From, row.To);
    }

    public static AccumulatorSet ToAccumulatorSet(this IEnumerable<AccumulatorRow> rows) =>
        new(rows.Select(r => (Known: BenefitKinds.TryParse(r.BenefitKind, out var kind), Kind: kind, Row: r))
            .Where(x => x.Known)
            .Select(x => KeyValuePair.Create(x.Kind, new Accumulator(x.Row.DeductiblePaid, x.Row.FundPaid))));
}
