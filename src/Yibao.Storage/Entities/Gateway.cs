namespace Yibao.Storage.Entities;

/// <summary>
/// An institution's gateway credential (x-tif-paasid and its token). The token is kept encrypted,
/// not hashed: the gateway signature is SHA-256 over the token itself, so the platform must be able
/// to recover it. Only its fingerprint is ever shown.
/// </summary>
public sealed class GatewayCredentialRow
{
    public required string Paasid { get; set; }
    public required string FixmedinsCode { get; set; }
    public required string TokenCiphertext { get; set; }

    /// <summary>The first 16 hex digits of SHA-256(token): identifies a token without revealing it.</summary>
    public required string TokenFingerprint { get; set; }

    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A nonce seen within the timestamp window; a second use is refused.</summary>
public sealed class GatewayNonceRow
{
    public required string Paasid { get; set; }
    public required string Nonce { get; set; }

    /// <summary>Unix seconds after which the nonce may be forgotten (stored as a number: SQLite compares it).</summary>
    public long ExpiresAt { get; set; }
}

/// <summary>An operator's sign-in (9001) at an institution; business transactions carry its sign_no.</summary>
public sealed class GatewaySignInRow
{
    public required string SignNo { get; set; }
    public required string FixmedinsCode { get; set; }
    public required string Opter { get; set; }
    public DateTimeOffset SignedInAt { get; set; }
    public DateTimeOffset? SignedOutAt { get; set; }
}
