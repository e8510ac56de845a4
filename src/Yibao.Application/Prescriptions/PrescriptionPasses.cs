using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>A pharmacy's passes to a patient's prescriptions: issued for 30 minutes, to that pharmacy only.</summary>
public static class PrescriptionPasses
{
    public const string EpcToken = "epc_token";
    public const string AuthRxno = "auth_rxno";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public static PrescriptionPassRow Issue(YibaoDbContext db, string kind, string psnNo, string hiRxno, string pharmacy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pass = new PrescriptionPassRow
        {
            // An epc_token is 64 hex digits; an auth_rxno, 30 characters, as the national fields allow.
            Pass = kind == EpcToken ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) : "AU" + Convert.ToHexString(RandomNumberGenerator.GetBytes(14)),
            Kind = kind,
            PsnNo = psnNo,
            HiRxno = hiRxno,
            FixmedinsCode = pharmacy,
            IssuedAt = now,
            ExpiresAt = now.Add(Lifetime).ToUnixTimeSeconds(),
        };
        db.PrescriptionPasses.Add(pass);
        return pass;
    }

    /// <summary>
    /// Whose prescriptions the pass opens, for this pharmacy: an <c>epc_token</c> or <c>auth_rxno</c>
    /// it was given, or the e-certificate token (ecToken) of the patient it decoded. Null when it is
    /// none of these, has expired, or is another pharmacy's.
    /// </summary>
    public static async Task<(string PsnNo, PrescriptionPassRow? Pass)?> FindAsync(YibaoDbContext db, string pass, string pharmacy, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var seconds = now.ToUnixTimeSeconds();
        if (await db.PrescriptionPasses.FirstOrDefaultAsync(p => p.Pass == pass && p.FixmedinsCode == pharmacy && p.ExpiresAt >= seconds, ct) is { } found)
        {
            return (found.PsnNo, found);
        }

        var holder = await db.EcTokens.AsNoTracking().Where(t => t.EcToken == pass && t.FixmedinsCode == pharmacy && t.ExpiresAt >= seconds).Select(t => t.PsnNo).FirstOrDefaultAsync(ct);
        return holder is null ? null : (holder, null);
    }
}
