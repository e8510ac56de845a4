namespace Yibao.Domain.Persons;

/// <summary>An insured person as registered: identity, insurance, registrations and filings.</summary>
public sealed record Person(
    string PsnNo,
    string Name,
    string Gender,
    DateOnly Birthday,
    string Certno,
    string Insutype,
    string Area,
    bool Retired,
    decimal AccountBalance,
    IReadOnlyList<ChronicRegistration> Chronic,
    IReadOnlyList<CrossRegionFiling> Filings)
{
    /// <summary>Ethnicity (<c>naty</c>), a two-digit GB 3304 code such as 01 (Han); null when not on file.</summary>
    public string? Naty { get; init; }

    /// <summary>
    /// The serial number of the person's social security card (<c>card_sn</c>), read from its chip:
    /// with the ID number, it proves the person is at the counter (mdtrt_cert_type 03). Null when no card is on file.
    /// </summary>
    public string? CardSn { get; init; }
}
