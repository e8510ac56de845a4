using Microsoft.EntityFrameworkCore;
using Yibao.Application.Federation;
using Yibao.Domain;
using Yibao.Domain.Persons;
using Yibao.Storage;

namespace Yibao.Application.Ledger;

/// <summary>
/// The ledger port as a node of a federation has it: a person insured here is locked and read here
/// (<see cref="LocalPersonLedger"/>); a person insured on another node has their ledger there, reached
/// through the hub (<see cref="RemoteLedgerLock"/>). A single process has only the first kind.
/// </summary>
internal sealed class RoutedPersonLedger(LocalPersonLedger local, InsuredNodes nodes, YibaoDbContext db) : IPersonLedger
{
    public async Task<ILedgerLock?> LockAsync(string psnNo, int year, CancellationToken cancellationToken)
    {
        var here = await local.LockAsync(psnNo, year, cancellationToken);
        if (here is not null || !nodes.Federated)
        {
            return here;
        }

        var guest = await GuestAsync(psnNo, cancellationToken);
        return guest is null ? null : new RemoteLedgerLock(nodes, psnNo, year, guest);
    }

    public async Task<VisitLedgerLock?> LockForVisitAsync(string mdtrtId, CancellationToken cancellationToken)
    {
        var here = await local.LockForVisitAsync(mdtrtId, cancellationToken);
        if (here is not null || !nodes.Federated)
        {
            return here;
        }

        var visit = await db.Visits.AsNoTracking().Where(v => v.MdtrtId == mdtrtId).Select(v => new { v.PsnNo, v.FixmedinsCode, v.VisitDate }).FirstOrDefaultAsync(cancellationToken);
        var guest = visit is null ? null : await GuestAsync(visit.PsnNo, cancellationToken);
        return guest is null ? null : new VisitLedgerLock(new RemoteLedgerLock(nodes, visit!.PsnNo, visit.VisitDate.Year, guest), visit.PsnNo, visit.FixmedinsCode);
    }

    /// <summary>Here only: a ledger on another node is read through <see cref="InsuredNodes.ReadLedgerAsync"/>, which can fail.</summary>
    public Task<LedgerView?> ReadAsync(string psnNo, int year, CancellationToken cancellationToken) => local.ReadAsync(psnNo, year, cancellationToken);

    /// <summary>
    /// The person insured on another node, as this node last saw them, their row locked: their
    /// settlements here take turns as a local person's do on the account row.
    /// </summary>
    private async Task<InsuredFacts?> GuestAsync(string psnNo, CancellationToken ct)
    {
        var rows = await (db.IsPostgres()
            ? db.Database.SqlQuery<GuestRow>($"SELECT area, insutype, retired FROM persons WHERE psn_no = {psnNo} FOR UPDATE")
            : db.Database.SqlQuery<GuestRow>($"SELECT area, insutype, retired FROM persons WHERE psn_no = {psnNo}")).ToListAsync(ct);
        return rows is [var row] && nodes.IsElsewhere(row.Area) ? new InsuredFacts(row.Area, row.Insutype, row.Retired) : null;
    }

    private sealed record GuestRow(string Area, string Insutype, bool Retired);
}

/// <summary>
/// The ledger of a person insured on another node: each change is a message through the hub, applied
/// there at once and decided with this node's transaction (<see cref="InsuredNodes"/>).
/// </summary>
internal sealed class RemoteLedgerLock(InsuredNodes nodes, string psnNo, int year, InsuredFacts insured) : ILedgerLock
{
    /// <summary>Known once a change has answered it.</summary>
    public PersonLedger Ledger { get; private set; } = new(0m, year, AccumulatorSet.Empty);

    public InsuredFacts Insured => insured;

    /// <summary>Phase 2 of settlement <paramref name="msgId"/> at the person's node; <paramref name="take"/> for a settlement, not a preview.</summary>
    public Settlements.RemotePhaseTwo PhaseTwo(string msgId, bool take) => new(insured.Area, msgId, take);

    public Task<DomainError?> TakeAsync(LedgerEntry entry, string setlId, CancellationToken ct) => ChangeAsync("restore", setlId, ct);

    public Task<DomainError?> GiveBackAsync(LedgerEntry entry, string setlId, CancellationToken ct) => ChangeAsync("cancel", setlId, ct);

    private async Task<DomainError?> ChangeAsync(string kind, string setlId, CancellationToken ct)
    {
        var changed = await nodes.ChangeEntryAsync(kind, setlId, psnNo, year, insured.Area, ct);
        if (!changed.IsSuccess)
        {
            return changed.Error;
        }

        Ledger = changed.Value.ToDomain();
        return null;
    }
}
