using Org.BouncyCastle.Crypto.Parameters;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>The platform's own SM2 key and self-signed certificate, made the first time one is needed (the caller saves).</summary>
public sealed class SigningAuthority(YibaoDbContext db, CredentialProtector protector, TimeProvider clock)
{
    public async Task<SigningKeyRow> PlatformAsync(CancellationToken ct)
    {
        if (await db.SigningKeys.FindAsync([SigningKeyRow.PlatformOwner], ct) is { } existing)
        {
            return existing;
        }

        var now = clock.GetUtcNow();
        var (privateKey, _) = NationalCrypto.NewKeyPair();
        var platform = new SigningKeyRow
        {
            Owner = SigningKeyRow.PlatformOwner,
            ProtectedPrivateKey = protector.Protect(privateKey),
            Certificate = SigningCertificates.Pem(SigningCertificates.SelfSigned(NationalCrypto.PrivateKey(privateKey), now)),
            IssuedAt = now,
        };
        db.SigningKeys.Add(platform);
        return platform;
    }

    public ECPrivateKeyParameters PrivateKey(SigningKeyRow key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return NationalCrypto.PrivateKey(protector.Unprotect(key.ProtectedPrivateKey) ?? throw new InvalidOperationException($"the signing key of {key.Owner} does not decrypt under the credential key"));
    }
}
