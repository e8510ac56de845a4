using Yibao.Domain;
using Yibao.Domain.Persons;

namespace Yibao.Application.Ledger;

/// <summary>What phase 2 needs of the insured person besides the ledger: the insured area, insurance type and retirement.</summary>
public sealed record InsuredFacts(string Area, string Insutype, bool Retired);

/// <summary>
/// The port to the insured person's ledger (personal account and accumulators). Locally it is a row
/// lock and one read in the node's own database; in federation, phase 2 of a settlement for a person
/// insured elsewhere reaches the insured node through another implementation of this port.
/// </summary>
public interface IPersonLedger
{
    /// <summary>
    /// Locks the person's ledger until the transaction ends and reads it once: the account balance,
    /// the year's accumulators and the insured facts. Null when the person has no ledger here.
    /// </summary>
    Task<ILedgerLock?> LockAsync(string psnNo, int year, CancellationToken cancellationToken);

    /// <summary>
    /// Locks the ledger of a visit's person, for the visit's year, in the same single read. Null when
    /// the visit does not exist.
    /// </summary>
    Task<VisitLedgerLock?> LockForVisitAsync(string mdtrtId, CancellationToken cancellationToken);

    /// <summary>The ledger as it stands, without a lock: for answers that change nothing (a pre-settlement, a lookup).</summary>
    Task<LedgerView?> ReadAsync(string psnNo, int year, CancellationToken cancellationToken);
}

/// <summary>A ledger read without a lock.</summary>
public sealed record LedgerView(PersonLedger Ledger, InsuredFacts Insured);

/// <summary>A visit's person's ledger, locked, with the visit's institution (to check who may settle it).</summary>
public sealed record VisitLedgerLock(ILedgerLock Ledger, string PsnNo, string FixmedinsCode);

/// <summary>A person's ledger, locked for the current transaction; changes commit with it.</summary>
public interface ILedgerLock
{
    /// <summary>The ledger as it stands: after the last change, for a ledger on another node.</summary>
    PersonLedger Ledger { get; }

    InsuredFacts Insured { get; }

    /// <summary>
    /// Settlement <paramref name="setlId"/> takes its entry: a new one, or a cancelled one restored
    /// (staged in the unit of work; on another node, applied there and decided with this transaction).
    /// </summary>
    Task<DomainError?> TakeAsync(LedgerEntry entry, string setlId, CancellationToken ct);

    /// <summary>A cancellation or a released hold gives the settlement's entry back (staged in the unit of work).</summary>
    Task<DomainError?> GiveBackAsync(LedgerEntry entry, string setlId, CancellationToken ct);
}
