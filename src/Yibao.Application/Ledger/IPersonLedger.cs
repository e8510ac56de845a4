using Yibao.Domain.Persons;

namespace Yibao.Application.Ledger;

/// <summary>
/// The port to the insured person's ledger (personal account and accumulators). Locally it is a row
/// lock and one read in the node's own database; in federation, phase 2 of a settlement for a person
/// insured elsewhere reaches the insured node through another implementation of this port.
/// </summary>
public interface IPersonLedger
{
    /// <summary>
    /// Locks the person's ledger until the transaction ends and reads it once: the account balance and
    /// the year's accumulators. Null when the person has no ledger here.
    /// </summary>
    Task<ILedgerLock?> LockAsync(string psnNo, int year, CancellationToken cancellationToken);

    /// <summary>The ledger as it stands, without a lock: for answers that change nothing (a pre-settlement, a lookup).</summary>
    Task<PersonLedger?> ReadAsync(string psnNo, int year, CancellationToken cancellationToken);
}

/// <summary>A person's ledger, locked for the current transaction; changes commit with it.</summary>
public interface ILedgerLock
{
    PersonLedger Ledger { get; }

    /// <summary>A settlement takes its entry (staged in the unit of work).</summary>
    void Take(LedgerEntry entry);

    /// <summary>A cancellation or a released hold gives the entry back (staged in the unit of work).</summary>
    void GiveBack(LedgerEntry entry);
}
