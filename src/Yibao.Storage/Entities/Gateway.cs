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

/// <summary>
/// An SM2 key the platform holds, with its certificate: the platform's own (its small CA, owner
/// <see cref="PlatformOwner"/>), or an institution's, with which the platform makes the institution's
/// insurance electronic signature (<c>rxFixmedinsSign</c>). The private key is encrypted at rest
/// like the gateway tokens.
/// </summary>
public sealed class SigningKeyRow
{
    public const string PlatformOwner = "platform";

    /// <summary><see cref="PlatformOwner"/>, or the institution's <c>fixmedins_code</c>.</summary>
    public required string Owner { get; set; }

    public required string ProtectedPrivateKey { get; set; }

    /// <summary>The X.509 certificate (PEM), signed by the platform's.</summary>
    public required string Certificate { get; set; }

    public DateTimeOffset IssuedAt { get; set; }
}

/// <summary>
/// An institution's app on the e-prescription transport: its <c>appId</c>, its <c>appSecret</c>
/// (encrypted at rest; the SM4 key is derived from both) and the public half of the SM2 key its
/// requests are signed with (the private half was handed to the institution once).
/// </summary>
public sealed class EpcAppRow
{
    public required string AppId { get; set; }
    public required string FixmedinsCode { get; set; }
    public required string ProtectedSecret { get; set; }
    public required string PublicKey { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
}
