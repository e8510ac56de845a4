using Microsoft.EntityFrameworkCore;
using Org.BouncyCastle.Crypto.Parameters;
using Yibao.Application.Prescriptions;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Federation;

/// <summary>This process's signing key and its peers' keys, as the signed requests need them.</summary>
public sealed class FederationKeys(YibaoDbContext db, CredentialProtector protector)
{
    /// <summary>The key that signs: the newest one not retired. Null before <c>yibao federation key create</c>.</summary>
    public async Task<ECPrivateKeyParameters?> SigningKeyAsync(CancellationToken ct)
    {
        var row = await CurrentAsync(db, ct);
        return row is null ? null : NationalCrypto.PrivateKey(protector.Unprotect(row.PrivateKey) ?? throw new InvalidOperationException($"federation key {row.KeyId} does not decrypt under the credential key"));
    }

    /// <summary>The newest key not retired (ordered here: keys are few, and SQLite cannot order instants).</summary>
    public static async Task<FederationKeyRow?> CurrentAsync(YibaoDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.FederationKeys.AsNoTracking().Where(k => k.RetiredAt == null).ToListAsync(ct)).MaxBy(k => k.CreatedAt);
    }

    /// <summary>A new key pair, the private key encrypted as it will be at rest; not yet saved.</summary>
    public FederationKeyRow NewKey(DateTimeOffset now)
    {
        var (privateKey, publicKey) = NationalCrypto.NewKeyPair();
        return new FederationKeyRow { KeyId = Ids.New("K", now), PrivateKey = protector.Protect(privateKey), PublicKey = publicKey, CreatedAt = now };
    }

    /// <summary>Whether <paramref name="signature"/> is the peer's over <paramref name="text"/>: by its current key, or its previous one within the grace period.</summary>
    public static bool Verifies(FederationPeerRow peer, string text, string signature, DateTimeOffset now, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (NationalCrypto.Verify(NationalCrypto.PublicKey(peer.PublicKey), text, signature))
        {
            return true;
        }

        return peer.PreviousPublicKey is { } previous && peer.RotatedAt is { } rotated && now - rotated <= grace
            && NationalCrypto.Verify(NationalCrypto.PublicKey(previous), text, signature);
    }

    /// <summary>Whether a hex string is an SM2 public key (an uncompressed point on the curve).</summary>
    public static bool IsPublicKey(string? hex)
    {
        try
        {
            return hex is { Length: 130 } && NationalCrypto.PublicKey(hex).Q.IsValid();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
