using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Application.Credentials;

namespace Yibao.Server.Infrastructure.Access;

/// <summary>
/// Provincial TIF-gateway authentication: <c>x-tif-paasid</c>, <c>x-tif-timestamp</c> (unix seconds,
/// within ±300 s), <c>x-tif-nonce</c> (never twice within the window, across all server processes:
/// nonces are kept in the database) and <c>x-tif-signature</c> = hex SHA-256 of
/// timestamp + token + nonce + timestamp.
/// </summary>
/// <remarks>
/// The gateway's transactions keep the nonce with their stored response, in their own transaction
/// (<see cref="Keep"/>): a replay's commit then fails on the nonce, and nothing it did survives.
/// Any other answer remembers it on its own (<see cref="RememberAsync"/>).
/// </remarks>
internal sealed class TifAuthentication(YibaoDbContext db, ListCredentialsHandler credentials, WriteGate gate, TimeProvider clock, Microsoft.Extensions.Options.IOptions<YibaoOptions> options)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(300);

    /// <summary>The authenticated institution's code, its nonce remembered.</summary>
    public async Task<string> AuthenticateAsync(IHeaderDictionary headers, CancellationToken cancellationToken)
    {
        var caller = await VerifyAsync(headers, cancellationToken);
        await RememberAsync(caller, cancellationToken);
        return caller.FixmedinsCode;
    }

    /// <summary>The caller whose signature is right, its nonce not yet remembered.</summary>
    public async Task<TifCaller> VerifyAsync(IHeaderDictionary headers, CancellationToken cancellationToken)
    {
        var paasid = headers["x-tif-paasid"].ToString();
        var timestamp = headers["x-tif-timestamp"].ToString();
        var nonce = headers["x-tif-nonce"].ToString();
        var signature = headers["x-tif-signature"].ToString();
        if (paasid.Length is 0 or > 40 || timestamp.Length == 0 || nonce.Length is 0 or > 64 || signature.Length == 0)
        {
            throw new AccessRefusal("Authentication failed: the x-tif-paasid, x-tif-timestamp, x-tif-nonce and x-tif-signature headers are required.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
        {
            throw new AccessRefusal("Authentication failed: x-tif-timestamp is not within 300 seconds of the platform's clock.");
        }

        var credential = await credentials.HandleAsync(new ResolveCredential(paasid), cancellationToken);
        if (credential is null || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(Sign(timestamp, credential.Token, nonce)),
                Encoding.ASCII.GetBytes(signature.ToLowerInvariant())))
        {
            throw new AccessRefusal("Authentication failed: unknown paasid or wrong x-tif-signature.");
        }

        var expiresAt = Math.Max(clock.GetUtcNow().ToUnixTimeSeconds(), seconds) + (long)Window.TotalSeconds;
        return new TifCaller(credential.FixmedinsCode, paasid, nonce, expiresAt);
    }

    /// <summary>Adds the caller's nonce to the changes the open transaction is about to save.</summary>
    public void Keep(TifCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        db.GatewayNonces.Add(caller.NonceRow());
    }

    public static string Sign(string timestamp, string token, string nonce) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(timestamp + token + nonce + timestamp)));

    /// <summary>Remembers the caller's nonce on its own; refuses one seen before.</summary>
    public async Task RememberAsync(TifCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        using (await gate.EnterAsync(db, cancellationToken))
        {
            db.GatewayNonces.Add(caller.NonceRow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                throw new AccessRefusal("Authentication failed: x-tif-nonce was already used.");
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        await ForgetExpiredNowAndThenAsync(cancellationToken);
    }

    /// <summary>
    /// In one request of a hundred (<see cref="YibaoOptions.NonceSweepOneIn"/>), forgets expired nonces:
    /// a replay needs a timestamp inside the window anyway. Outside any transaction, so that it holds
    /// no request's locks.
    /// </summary>
    public async Task ForgetExpiredNowAndThenAsync(CancellationToken cancellationToken)
    {
        if (options.Value.NonceSweepOneIn > 0 && Random.Shared.Next(options.Value.NonceSweepOneIn) == 0)
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            using var entered = await gate.EnterAsync(db, cancellationToken);
            await db.GatewayNonces.Where(n => n.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        }
    }
}

/// <summary>An institution whose request signature is right, and the nonce it used.</summary>
internal sealed record TifCaller(string FixmedinsCode, string Paasid, string Nonce, long NonceExpiresAt)
{
    public GatewayNonceRow NonceRow() => new() { Paasid = Paasid, Nonce = Nonce, ExpiresAt = NonceExpiresAt };
}

/// <summary>A caller who could not be authenticated: each door answers it in its own form (gateway <c>infcode -1</c>, native 401).</summary>
#pragma warning disable CA1032, CA1064 // internal control flow of the authentication only
internal sealed class AccessRefusal(string message) : Exception(message);
#pragma warning restore CA1032, CA1064
