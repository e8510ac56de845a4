using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Persons;

internal static class PersonAccess
{
    /// <summary>A person with chronic registrations and filings, by <c>psn_no</c> or else by ID number (a registration names either).</summary>
    public static Task<PersonRow?> FindAsync(YibaoDbContext db, string? psnNo, string? certno, CancellationToken ct) =>
        db.Persons.AsNoTracking().Include(p => p.Chronic).Include(p => p.Filings)
            .FirstOrDefaultAsync(p => !string.IsNullOrWhiteSpace(psnNo) ? p.PsnNo == psnNo : p.Certno == certno, ct);

    /// <summary>A person with chronic registrations and filings, by <c>psn_no</c>.</summary>
    public static Task<PersonRow?> FindAsync(YibaoDbContext db, string psnNo, CancellationToken ct) =>
        db.Persons.AsNoTracking().Include(p => p.Chronic).Include(p => p.Filings).FirstOrDefaultAsync(p => p.PsnNo == psnNo, ct);
}
