namespace Yibao.Storage.Entities;

public sealed class PersonRow
{
    public required string PsnNo { get; set; }
    public required string Name { get; set; }
    public required string Gender { get; set; }
    public DateOnly Birthday { get; set; }
    public required string Certno { get; set; }
    public required string Insutype { get; set; }
    public required string Area { get; set; }
    public bool Retired { get; set; }

    /// <summary>Ethnicity, a GB 3304 code; null when not on file.</summary>
    public string? Naty { get; set; }

    /// <summary>The social security card's serial number; null when no card is on file.</summary>
    public string? CardSn { get; set; }

    public List<ChronicRegistrationRow> Chronic { get; set; } = [];
    public List<FilingRow> Filings { get; set; } = [];
}

public sealed class ChronicRegistrationRow
{
    public long Id { get; set; }
    public required string PsnNo { get; set; }
    public required string Disease { get; set; }
    public required string Name { get; set; }
    public DateOnly From { get; set; }
}

public sealed class FilingRow
{
    public long Id { get; set; }
    public required string PsnNo { get; set; }
    public required string Type { get; set; }
    public required string Reason { get; set; }
    public required string ToArea { get; set; }
    public DateOnly From { get; set; }

    /// <summary>The last day covered; null while open-ended (long-term).</summary>
    public DateOnly? To { get; set; }

    /// <summary>Through which door it was filed (<c>phone</c>, <c>counter</c>, <c>api</c>); null when it came with the person's record.</summary>
    public string? FiledVia { get; set; }

    public DateTimeOffset? FiledAt { get; set; }

    /// <summary>When it was ended, and through which door.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public string? EndedVia { get; set; }
}

/// <summary>
/// The employee personal account. Every person has one (residents at zero): it is also the row a
/// settlement locks to serialize everything that touches the person's money.
/// </summary>
public sealed class PersonalAccountRow
{
    public required string PsnNo { get; set; }
    public decimal Balance { get; set; }
}

/// <summary>What a person used of one benefit kind in one year (spec rule 11).</summary>
public sealed class AccumulatorRow
{
    public required string PsnNo { get; set; }
    public int Year { get; set; }
    public required string BenefitKind { get; set; }
    public decimal DeductiblePaid { get; set; }
    public decimal FundPaid { get; set; }
}
