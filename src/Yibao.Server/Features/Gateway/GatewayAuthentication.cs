using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Application.Credentials;

namespace Yibao.Server.Features.Gateway;

/// <summary>
/// Provincial TIF-gateway authentication: <c>x-tif-paasid</c>, <c>x-tif-timestamp</c> (unix seconds,
/// within ±300 s), <c>x-tif-nonce</c> (never twice within the window, across all server processes:
/// nonces are kept in the database) and <c>x-tif-signature</c> = hex SHA-256 of
/// timestamp + token + nonce + timestamp.
/// </summary>
internal sealed class GatewayAuthentication(YibaoDbContext db, ListCredentialsHandler credentials, WriteGate gate, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(300);

    /// <summary>The authenticated institution's code.</summary>
    public async Task<string> AuthenticateAsync(IHeaderDictionary headers, CancellationToken cancellationToken)
    {
        var paasid = headers["x-tif-paasid"].ToString();
        var timestamp = headers["x-tif-timestamp"].ToString();
        var nonce = headers["x-tif-nonce"].ToString();
        var signature = headers["x-tif-signature"].ToString();
        if (paasid.Length is 0 or > 40 || timestamp.Length == 0 || nonce.Length is 0 or > 64 || signature.Length == 0)
        {
            throw new GatewayRefusal("Authentication failed: the x-tif-paasid, x-tif-timestamp, x-tif-nonce and x-tif-signature headers are required.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
        {
            throw new GatewayRefusal("Authentication failed: x-tif-timestamp is not within 300 seconds of the platform's clock.");
        }

        var credential = await credentials.HandleAsync(new ResolveCredential(paasid), cancellationToken);
        if (credential is null || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(Sign(timestamp, credential.Token, nonce)),
                Encoding.ASCII.GetBytes(signature.ToLowerInvariant())))
        {
            throw new GatewayRefusal("Authentication failed: unknown paasid or wrong x-tif-signature.");
        }

        await RememberNonceAsync(paasid, nonce, seconds, cancellationToken);
        return credential.FixmedinsCode;
    }

    public static string Sign(string timestamp, string token, string nonce) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(timestamp + token + nonce + timestamp)));

    private async Task RememberNonceAsync(string paasid, string nonce, long timestamp, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        using var entered = await gate.EnterAsync(db, cancellationToken);
        db.GatewayNonces.Add(new GatewayNonceRow { Paasid = paasid, Nonce = nonce, ExpiresAt = Math.Max(now, timestamp) + (long)Window.TotalSeconds });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            throw new GatewayRefusal("Authentication failed: x-tif-nonce was already used.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        // Forget expired nonces now and then; a replay needs a timestamp inside the window anyway.
        if (Random.Shared.Next(100) == 0)
        {
            await db.GatewayNonces.Where(n => n.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
