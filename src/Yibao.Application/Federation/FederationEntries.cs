using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Ledger;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Federation;

/// <summary>The insured node's entries for treatment nodes: their states, a repeat's answer, and resolving one by the treatment node's decision.</summary>
internal static class FederationEntries
{
    public const string Settle = "settle";
    public const string Cancel = "cancel";
    public const string Restore = "restore";

    public const string Applied = "applied";
    public const string Committed = InsuredNodes.Committed;
    public const string Aborted = InsuredNodes.Aborted;

    /// <summary>A message applied before answers as it did then; one resolved as aborted is refused.</summary>
    public static async Task<Result<T>?> RepeatAsync<T>(YibaoDbContext db, string msgId, CancellationToken ct)
    {
        var earlier = await db.FederationEntries.AsNoTracking().Where(e => e.MsgId == msgId).Select(e => new { e.Status, e.Answer }).FirstOrDefaultAsync(ct);
        if (earlier is null)
        {
            return null;
        }

        return earlier.Status == Aborted
            ? Result<T>.Failure(FederationErrors.MessageAborted.With($"Message {msgId} was resolved as not having taken effect; send a new one."))
            : Result<T>.Success(JsonSerializer.Deserialize<T>(earlier.Answer, FederationWire.Json)!);
    }

    public static LedgerEntry EntryOf(FederationEntryRow row)
    {
        BenefitKinds.TryParse(row.BenefitKind, out var benefit);
        return new LedgerEntry(row.Year, benefit, row.AcctPay, new Accumulator(row.DeductibleDelta, row.FundDelta));
    }

    /// <summary>
    /// Resolves an applied entry by the treatment node's decision, in the caller's transaction and under
    /// the person's ledger lock: committed, it stays; aborted, its change is undone (a settlement or a
    /// restoration given back, a cancellation taken again). Answers whether anything changed.
    /// </summary>
    public static async Task<bool> ResolveAsync(YibaoDbContext db, LocalPersonLedger ledgers, string msgId, string decision, DateTimeOffset now, CancellationToken ct)
    {
        var head = await db.FederationEntries.AsNoTracking().Where(e => e.MsgId == msgId).Select(e => new { e.PsnNo, e.Year }).FirstOrDefaultAsync(ct);
        if (head is null || decision is not (Committed or Aborted))
        {
            return false;
        }

        var locked = await ledgers.LockAsync(head.PsnNo, head.Year, ct);
        var entry = await db.FederationEntries.FirstAsync(e => e.MsgId == msgId, ct);
        if (entry.Status != Applied || locked is null)
        {
            return false;
        }

        entry.Status = decision;
        entry.ResolvedAt = now;
        if (decision == Aborted)
        {
            var undone = entry.Kind == Cancel ? locked.TakeAsync(EntryOf(entry), entry.SetlId, ct) : locked.GiveBackAsync(EntryOf(entry), entry.SetlId, ct);
            await undone;
            db.Record(now, entry.TreatmentNode, "federation.abort", "settlement", entry.SetlId, $"{entry.Kind} {entry.MsgId} undone: the treatment node did not commit it");
        }

        return true;
    }
}
