using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Codes;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Application.Ledger;

/// <summary>
/// The ledger in this node's database. On PostgreSQL the account row is read <c>FOR UPDATE</c>, so
/// the lock and the read are one round trip; concurrent settlements and cancellations for one person
/// take turns on it. SQLite has one writer, behind the process's write gate.
/// </summary>
internal sealed class LocalPersonLedger(YibaoDbContext db) : IPersonLedger
{
    public async Task<ILedgerLock?> LockAsync(string psnNo, int year, CancellationToken cancellationToken)
    {
        var account = db.IsPostgres()
            ? (await db.PersonalAccounts.FromSql($"SELECT * FROM personal_accounts WHERE psn_no = {psnNo} FOR UPDATE").ToListAsync(cancellationToken)).FirstOrDefault()
            : await db.PersonalAccounts.FirstOrDefaultAsync(a => a.PsnNo == psnNo, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var accumulators = await db.Accumulators.Where(a => a.PsnNo == psnNo && a.Year == year).ToListAsync(cancellationToken);
        return new Lock(db, account, accumulators, new PersonLedger(account.Balance, year, accumulators.ToAccumulatorSet()));
    }

    public async Task<PersonLedger?> ReadAsync(string psnNo, int year, CancellationToken cancellationToken)
    {
        var balance = await db.PersonalAccounts.AsNoTracking().Where(a => a.PsnNo == psnNo).Select(a => (decimal?)a.Balance).FirstOrDefaultAsync(cancellationToken);
        if (balance is null)
        {
            return null;
        }

        var accumulators = await db.Accumulators.AsNoTracking().Where(a => a.PsnNo == psnNo && a.Year == year).ToListAsync(cancellationToken);
        return new PersonLedger(balance.Value, year, accumulators.ToAccumulatorSet());
    }

    /// <summary>The tracked rows copy the ledger's state; the arithmetic is the domain's.</summary>
    private sealed class Lock(YibaoDbContext db, PersonalAccountRow account, List<AccumulatorRow> accumulators, PersonLedger ledger) : ILedgerLock
    {
        public PersonLedger Ledger { get; private set; } = ledger;

        public void Take(LedgerEntry entry) => Write(entry.Benefit, Ledger.Take(entry));

        public void GiveBack(LedgerEntry entry) => Write(entry.Benefit, Ledger.GiveBack(entry));

        private void Write(BenefitKind benefit, PersonLedger next)
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
        }
    }
}
