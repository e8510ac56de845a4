using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Persons;

internal static class PersonAccess
{
    /// <summary>A person with chronic registrations and filings, by <c>psn_no</c> or else by ID number (a registration names either).</summary>
    /// <remarks>
    /// The choice is made here, not inside the query: EF Core compiles a method call on a captured
    /// value in a query into a delegate at every execution.
    /// </remarks>
    public static Task<PersonRow?> FindAsync(YibaoDbContext db, string? psnNo, string? certno, CancellationToken ct) =>
        !string.IsNullOrWhiteSpace(psnNo) ? FindAsync(db, psnNo, ct) : WithRegistrations(db).FirstOrDefaultAsync(p => p.Certno == certno, ct);

    /// <summary>A person with chronic registrations and filings, by <c>psn_no</c>.</summary>
    public static Task<PersonRow?> FindAsync(YibaoDbContext db, string psnNo, CancellationToken ct) =>
        WithRegistrations(db).FirstOrDefaultAsync(p => p.PsnNo == psnNo, ct);

    private static IQueryable<PersonRow> WithRegistrations(YibaoDbContext db) => db.Persons.AsNoTracking().Include(p => p.Chronic).Include(p => p.Filings);
}
