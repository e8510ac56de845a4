using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Ledger;
using Yibao.Domain;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Federation;

/// <summary>
/// A treatment node cancels a settlement it made for a person insured here (the entry given back),
/// or restores a cancelled one (taken again), as message <see cref="RemoteEntryChange.MsgId"/>. The
/// settlement's state here follows its entries, so the lifecycle refuses a second cancellation as it
/// does locally; a restoration is refused once anything else has touched the person's money.
/// </summary>
public sealed record ChangeEntryForNode(RemoteEntryChange Change, string Kind, string TreatmentNode);

public sealed class ChangeEntryForNodeHandler(YibaoDbContext db, LocalPersonLedger ledgers, TimeProvider clock)
{
    public async Task<Result<LedgerState>> HandleAsync(ChangeEntryForNode command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var change = command.Change;
        if (command.Kind is not (FederationEntries.Cancel or FederationEntries.Restore) || string.IsNullOrWhiteSpace(change.MsgId) || change.MsgId.Length > 40)
        {
            return FederationErrors.Invalid.With("A change is a cancel or a restore, with a message id of at most 40 characters.");
        }

        var locked = await ledgers.LockAsync(change.PsnNo, change.Year, ct);
        if (locked is null)
        {
            return PersonErrors.NotFound(change.PsnNo);
        }

        if (await FederationEntries.RepeatAsync<LedgerState>(db, change.MsgId, ct) is { } repeat)
        {
            return repeat;
        }

        var history = await db.FederationEntries.AsNoTracking()
            .Where(e => e.SetlId == change.SetlId && e.PsnNo == change.PsnNo && e.TreatmentNode == command.TreatmentNode && e.Status != FederationEntries.Aborted)
            .OrderBy(e => e.Id).ToListAsync(ct);
        if (history is not [{ Kind: FederationEntries.Settle } settled, ..])
        {
            return SettlementErrors.SettlementNotFound(change.SetlId, null);
        }

        var status = history[^1].Kind == FederationEntries.Cancel ? SettlementStatus.Cancelled : SettlementStatus.Settled;
        var next = SettlementLifecycle.Next(change.SetlId, status, command.Kind == FederationEntries.Cancel ? SettlementEvent.Cancel : SettlementEvent.Restore);
        if (!next.IsSuccess)
        {
            return next.Error;
        }

        if (command.Kind == FederationEntries.Restore && await TouchedSinceAsync(change.PsnNo, history[^1], ct))
        {
            return SettlementErrors.ReversalNotPossible(change.SetlId);
        }

        var entry = FederationEntries.EntryOf(settled);
        await (command.Kind == FederationEntries.Cancel ? locked.GiveBackAsync(entry, change.SetlId, ct) : locked.TakeAsync(entry, change.SetlId, ct));
        var answer = LedgerState.Of(locked.Ledger);
        var now = clock.GetUtcNow();
        db.FederationEntries.Add(new FederationEntryRow
        {
            MsgId = change.MsgId,
            Kind = command.Kind,
            SetlId = change.SetlId,
            TreatmentNode = command.TreatmentNode,
            PsnNo = settled.PsnNo,
            InsuredArea = settled.InsuredArea,
            TreatmentArea = settled.TreatmentArea,
            FixmedinsCode = settled.FixmedinsCode,
            Year = settled.Year,
            BenefitKind = settled.BenefitKind,
            MedfeeSumamt = settled.MedfeeSumamt,
            FundPaySumamt = settled.FundPaySumamt,
            AcctPay = settled.AcctPay,
            DeductibleDelta = settled.DeductibleDelta,
            FundDelta = settled.FundDelta,
            Answer = JsonSerializer.Serialize(answer, FederationWire.Json),
            Status = FederationEntries.Applied,
            AppliedAt = now,
        });
        db.Record(now, command.TreatmentNode, "federation." + command.Kind, "settlement", change.SetlId, $"fund {settled.FundPaySumamt}, account {settled.AcctPay}");
        return answer;
    }

    /// <summary>Whether the person's money moved after the cancellation: another node's entry, or a settlement here.</summary>
    private async Task<bool> TouchedSinceAsync(string psnNo, FederationEntryRow cancellation, CancellationToken ct)
    {
        if (await db.FederationEntries.AnyAsync(e => e.PsnNo == psnNo && e.Id > cancellation.Id && e.Status != FederationEntries.Aborted, ct))
        {
            return true;
        }

        // Compared in memory: a person's settlements are few, and SQLite cannot compare instants.
        var local = await db.Settlements.AsNoTracking().Where(s => s.PsnNo == psnNo).Select(s => new { s.SettledAt, s.CancelledAt }).ToListAsync(ct);
        return local.Any(s => s.SettledAt > cancellation.AppliedAt || s.CancelledAt > cancellation.AppliedAt);
    }
}
