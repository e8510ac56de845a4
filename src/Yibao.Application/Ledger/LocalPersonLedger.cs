using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Application.Ledger;

/// <summary>
/// The ledger in this node's database, locked and read in two round trips: on PostgreSQL the
/// account row is selected <c>FOR UPDATE</c> together with the person (and, for a visit, the
/// visit's year and institution), so concurrent settlements and cancellations for one person take
/// turns on it; then the year's accumulators, in a statement of its own so that it sees what the
/// previous holder of the lock committed (a statement that waited for a row lock sees only that
/// row's new version, not rows inserted meanwhile). SQLite has one writer, behind the process's
/// write gate. The account row read is attached to the unit of work, so the changes the domain's
/// arithmetic makes are saved with the rest.
/// </summary>
public sealed class LocalPersonLedger(YibaoDbContext db) : IPersonLedger
{
    private const string Columns = "a.psn_no, a.balance, p.area, p.insutype, p.retired";

    public async Task<ILedgerLock?> LockAsync(string psnNo, int year, CancellationToken cancellationToken)
    {
        var sql = $$"""
            SELECT {{Columns}}, {1} AS year, NULL AS fixmedins_code
            FROM personal_accounts a JOIN persons p ON p.psn_no = a.psn_no
            WHERE a.psn_no = {0}{{ForUpdate}}
            """;
        return (await ReadAsync(sql, psnNo, year, cancellationToken))?.Lock;
    }

    public async Task<VisitLedgerLock?> LockForVisitAsync(string mdtrtId, CancellationToken cancellationToken)
    {
        var visitYear = db.IsPostgres() ? "CAST(EXTRACT(YEAR FROM v.visit_date) AS integer)" : "CAST(strftime('%Y', v.visit_date) AS INTEGER)";
        var sql = $$"""
            SELECT {{Columns}}, {{visitYear}} AS year, v.fixmedins_code
            FROM visits v JOIN personal_accounts a ON a.psn_no = v.psn_no JOIN persons p ON p.psn_no = a.psn_no
            WHERE v.mdtrt_id = {0}{{ForUpdate}}
            """;
        var read = await ReadAsync(sql, mdtrtId, null, cancellationToken);
        return read is null ? null : new VisitLedgerLock(read.Value.Lock, read.Value.Lock.PsnNo, read.Value.FixmedinsCode!);
    }

    public async Task<LedgerView?> ReadAsync(string psnNo, int year, CancellationToken cancellationToken)
    {
        var person = await db.Persons.AsNoTracking().Where(p => p.PsnNo == psnNo)
            .Select(p => new { p.Area, p.Insutype, p.Retired, Balance = db.PersonalAccounts.Where(a => a.PsnNo == psnNo).Select(a => (decimal?)a.Balance).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (person?.Balance is not { } balance)
        {
            return null;
        }

        var accumulators = await db.Accumulators.AsNoTracking().Where(a => a.PsnNo == psnNo && a.Year == year).ToListAsync(cancellationToken);
        return new LedgerView(new PersonLedger(balance, year, accumulators.ToAccumulatorSet()), new InsuredFacts(person.Area, person.Insutype, person.Retired));
    }

    private string ForUpdate => db.IsPostgres() ? " FOR UPDATE OF a" : "";

    /// <summary>Runs the lock-and-read (<c>{0}</c> the key, <c>{1}</c> the year), inside the unit of work's transaction, and attaches what it read.</summary>
    private async Task<(Lock Lock, string? FixmedinsCode)?> ReadAsync(string sql, string key, int? year, CancellationToken ct)
    {
        // Not composed (no LIMIT around it), so the locking clause stays where it is written.
        object[] parameters = year is { } y ? [key, y] : [key];
        var read = (await db.Database.SqlQueryRaw<LockedRow>(sql, parameters).ToListAsync(ct)).FirstOrDefault();
        if (read is null)
        {
            return null;
        }

        // The unit of work may already track the rows. A change not yet saved is this transaction's
        // own, made under the lock, and is the current state; a row it only read (or saved in an
        // earlier transaction of the same unit of work) may be stale, so it takes what was just read
        // under the lock.
        var account = Current(db.PersonalAccounts, new PersonalAccountRow { PsnNo = read.PsnNo, Balance = read.Balance },
            a => a.PsnNo == read.PsnNo);
        var accumulators = (await db.Accumulators.AsNoTracking().Where(a => a.PsnNo == read.PsnNo && a.Year == read.Year).ToListAsync(ct))
            .Select(fresh => Current(db.Accumulators, fresh, a => a.PsnNo == fresh.PsnNo && a.Year == fresh.Year && a.BenefitKind == fresh.BenefitKind))
            .ToList();
        // Rows this transaction added and has not saved yet are not in the table.
        accumulators.AddRange(db.Accumulators.Local.Where(a => a.PsnNo == read.PsnNo && a.Year == read.Year && db.Entry(a).State == EntityState.Added));
        var ledger = new PersonLedger(account.Balance, read.Year, accumulators.ToAccumulatorSet());
        return (new Lock(db, account, accumulators, ledger, new InsuredFacts(read.Area, read.Insutype, read.Retired)), read.FixmedinsCode);
    }

    /// <summary>The tracked copy of <paramref name="fresh"/>: its own if it has unsaved changes, else refreshed from <paramref name="fresh"/>; <paramref name="fresh"/> attached if none.</summary>
    private T Current<T>(DbSet<T> set, T fresh, Func<T, bool> same)
        where T : class
    {
        if (set.Local.FirstOrDefault(same) is not { } tracked)
        {
            set.Attach(fresh);
            return fresh;
        }

        var entry = db.Entry(tracked);
        if (entry.State == EntityState.Unchanged)
        {
            entry.CurrentValues.SetValues(fresh);
            entry.OriginalValues.SetValues(fresh);
        }

        return tracked;
    }

    /// <summary>The columns of the lock-and-read, by name.</summary>
    private sealed record LockedRow(string PsnNo, decimal Balance, string Area, string Insutype, bool Retired, int Year, string? FixmedinsCode);

    /// <summary>The tracked rows copy the ledger's state; the arithmetic is the domain's.</summary>
    private sealed class Lock(YibaoDbContext db, PersonalAccountRow account, List<AccumulatorRow> accumulators, PersonLedger ledger, InsuredFacts insured) : ILedgerLock
    {
        public PersonLedger Ledger { get; private set; } = ledger;

        public InsuredFacts Insured => insured;

        public string PsnNo => account.PsnNo;

        public Task<DomainError?> TakeAsync(LedgerEntry entry, string setlId, CancellationToken ct) => Write(entry.Benefit, Ledger.Take(entry));

        public Task<DomainError?> GiveBackAsync(LedgerEntry entry, string setlId, CancellationToken ct) => Write(entry.Benefit, Ledger.GiveBack(entry));

        private Task<DomainError?> Write(BenefitKind benefit, PersonLedger next)
        {
            Ledger = next;
            account.Balance = next.Balance;
            var name = benefit.ToName();
            var row = accumulators.FirstOrDefault(a => a.BenefitKind == name);
            if (row is null)
            {
                row = new AccumulatorRow { PsnNo = account.PsnNo, Year = next.Year, BenefitKind = name };
                accumulators.Add(row);
                db.Accumulators.Add(row);
            }

            row.DeductiblePaid = next.Accumulators[benefit].DeductiblePaid;
            row.FundPaid = next.Accumulators[benefit].FundPaid;
            return Task.FromResult<DomainError?>(null);
        }
    }
}
