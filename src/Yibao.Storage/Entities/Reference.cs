namespace Yibao.Storage.Entities;

public sealed class AreaRow
{
    public required string Admdvs { get; set; }
    public required string Name { get; set; }
    public required string Province { get; set; }
}

/// <summary>A policy for one insured area, insurance type and year; replacing it bumps the revision.</summary>
public sealed class PolicyRow
{
    public required string Area { get; set; }
    public required string Insutype { get; set; }
    public int Year { get; set; }
    public int Revision { get; set; }

    /// <summary>The policy document (spec format), kept whole so that it round-trips exactly.</summary>
    public required string Document { get; set; }

    public DateTimeOffset LoadedAt { get; set; }
}

/// <summary>Every revision a policy ever had, the current one included: what the console compares side by side.</summary>
public sealed class PolicyRevisionRow
{
    public required string Area { get; set; }
    public required string Insutype { get; set; }
    public int Year { get; set; }
    public int Revision { get; set; }
    public required string Document { get; set; }
    public required string LoadedBy { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
}

/// <summary>
/// A policy being edited: validated as the engine validates it on every save, simulated against
/// past settlements, and published as the policy's next revision.
/// </summary>
public sealed class PolicyDraftRow
{
    public long Id { get; set; }
    public required string Area { get; set; }
    public required string Insutype { get; set; }
    public int Year { get; set; }

    /// <summary>The revision the draft was taken from; publishing is refused when the policy has moved on since.</summary>
    public int BaseRevision { get; set; }

    public required string Document { get; set; }

    /// <summary>draft, published or discarded.</summary>
    public required string Status { get; set; }

    public int? PublishedRevision { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One version of a treatment area's catalogue; the highest version is current.</summary>
public sealed class CatalogueVersionRow
{
    public long Id { get; set; }
    public required string Area { get; set; }
    public int Version { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
    public List<CatalogueEntryRow> Entries { get; set; } = [];
}

public sealed class CatalogueEntryRow
{
    public long VersionId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public required string Class { get; set; }
    public decimal SelfpayProp { get; set; }
    public decimal? PriceCap { get; set; }
    public bool EssentialMedicine { get; set; }
    public bool NegotiatedDrug { get; set; }
    public bool ChildMedicine { get; set; }
    public bool SpecialItem { get; set; }

    /// <summary>The national fee category when the catalogue states one; null: by kind.</summary>
    public string? ChrgitmType { get; set; }

    public string? RestrictedUse { get; set; }
}

public sealed class InstitutionRow
{
    public required string FixmedinsCode { get; set; }
    public required string Name { get; set; }
    public required string Area { get; set; }
    public required string Kind { get; set; }
    public int Level { get; set; }

    /// <summary>An internet hospital's physical institution.</summary>
    public string? ReliesOn { get; set; }

    /// <summary>The designation agreement's state: active, suspended or ended.</summary>
    public string AgreementStatus { get; set; } = "active";
}

/// <summary>
/// An internet hospital's "Internet+" supplementary agreement. Signing a new one ends the current
/// one; the history stays.
/// </summary>
public sealed class InternetAgreementRow
{
    public long Id { get; set; }
    public required string InternetHospital { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }

    /// <summary>Comma-separated services: followUp, pharmacyClinic, homeNursing.</summary>
    public required string Services { get; set; }

    /// <summary>Comma-separated ICD-10 categories it may treat online; empty is any.</summary>
    public required string Diseases { get; set; }

    public DateTimeOffset SignedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>An area's Internet+ service price list (document, spec of Yibao.Domain.Pricing); replacing it bumps the revision.</summary>
public sealed class PriceListRow
{
    public required string Area { get; set; }
    public int Revision { get; set; }
    public required string Document { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
}

/// <summary>
/// The one row that counts changes to reference data (areas, policies, catalogues, price lists,
/// institutions, agreements, credentials). Every process keeps reference data in memory for the
/// revision it read, and reads this row once per request to know whether that is still current.
/// </summary>
public sealed class ReferenceRevisionRow
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public long Revision { get; set; }
}
