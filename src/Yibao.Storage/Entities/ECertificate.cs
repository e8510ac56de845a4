namespace Yibao.Storage.Entities;

/// <summary>
/// An e-certificate token (ecToken) handed to an institution when it decoded a person's QR code:
/// good for that person at that institution until it expires.
/// </summary>
public sealed class EcTokenRow
{
    public required string EcToken { get; set; }
    public required string PsnNo { get; set; }
    public required string FixmedinsCode { get; set; }
    public required string BusinessType { get; set; }
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>Unix seconds (a number, so SQLite can compare it).</summary>
    public long ExpiresAt { get; set; }

    /// <summary>When a real-person (face) check of the holder was recorded; online settlement needs one.</summary>
    public DateTimeOffset? FaceVerifiedAt { get; set; }
}

/// <summary>A QR code that was decoded: each code is good for one decode only.</summary>
public sealed class EcQrUseRow
{
    public required string QrNonce { get; set; }
    public required string FixmedinsCode { get; set; }
    public DateTimeOffset UsedAt { get; set; }
}
