using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Federation;

/// <summary>
/// The hub writes down what it routed: each settlement, cancellation and restoration an insured node
/// applied, with its amounts, and then its outcome as the treatment node's decisions pass through on
/// their way to the insured node (or its abort notice does). A message seen twice (a retry) is
/// written once. Writing the journal never costs a node its answer: a write that fails is left for
/// the message's next pass.
/// </summary>
public sealed class HubJournal(YibaoDbContext db, WriteGate gate, AgencyCalendar calendar)
{
    public async Task RecordAsync(RouteMessage message, string reply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            if (await StageAsync(message, reply, ct))
            {
                using var entered = db.Database.CurrentTransaction is null ? await gate.EnterAsync(db, ct) : null;
                await db.SaveChangesAsync(ct);
            }
        }
        catch (Exception e) when (e is JsonException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<bool> StageAsync(RouteMessage message, string reply, CancellationToken ct)
    {
        var now = calendar.Clock.GetUtcNow();
        switch (message.Operation)
        {
            case "claims/adjudicate":
                var claim = JsonSerializer.Deserialize<RemoteClaim>(message.Body, FederationWire.Json);
                var split = JsonSerializer.Deserialize<FederationReply<RemoteSplit>>(reply, FederationWire.Json)?.Value;
                if (claim is not { Take: true } || split is null || message.Area is null || await db.HubJournal.AnyAsync(j => j.MsgId == claim.MsgId, ct))
                {
                    return false;
                }

                var r = split.Result;
                db.HubJournal.Add(new HubJournalRow
                {
                    MsgId = claim.MsgId, Kind = FederationEntries.Settle, SetlId = claim.MsgId, TreatmentNode = message.Origin, InsuredArea = message.Area, TreatmentArea = claim.TreatmentArea,
                    FixmedinsCode = claim.FixmedinsCode, MedfeeSumamt = r.MedfeeSumamt, FundPaySumamt = r.FundPaySumamt, AcctPay = r.AcctPay, PsnCashPay = r.PsnCashPay,
                    RoutedAt = now, RoutedDate = calendar.DateOf(now), Status = FederationEntries.Applied,
                });
                return true;
            case "claims/cancel" or "claims/restore":
                var change = JsonSerializer.Deserialize<RemoteEntryChange>(message.Body, FederationWire.Json);
                var applied = JsonSerializer.Deserialize<FederationReply<LedgerState>>(reply, FederationWire.Json)?.Value is not null;
                var settled = change is null ? null : await db.HubJournal.AsNoTracking().FirstOrDefaultAsync(j => j.MsgId == change.SetlId, ct);
                if (!applied || settled is null || await db.HubJournal.AnyAsync(j => j.MsgId == change!.MsgId, ct))
                {
                    return false;
                }

                db.HubJournal.Add(new HubJournalRow
                {
                    MsgId = change!.MsgId, Kind = message.Operation[7..], SetlId = settled.SetlId, TreatmentNode = settled.TreatmentNode, InsuredArea = settled.InsuredArea,
                    TreatmentArea = settled.TreatmentArea, FixmedinsCode = settled.FixmedinsCode, MedfeeSumamt = settled.MedfeeSumamt, FundPaySumamt = settled.FundPaySumamt,
                    AcctPay = settled.AcctPay, PsnCashPay = settled.PsnCashPay, RoutedAt = now, RoutedDate = calendar.DateOf(now), Status = FederationEntries.Applied,
                });
                return true;
            case "decisions":
                var decisions = JsonSerializer.Deserialize<FederationReply<DecisionAnswer>>(reply, FederationWire.Json)?.Value?.Decisions;
                return decisions is not null && await DecideAsync(decisions, ct);
            case "entries/aborted":
                var aborted = JsonSerializer.Deserialize<DecisionQuery>(message.Body, FederationWire.Json)?.MsgIds ?? [];
                return await DecideAsync(aborted.ToDictionary(id => id, _ => FederationEntries.Aborted), ct);
            default:
                return false;
        }
    }

    private async Task<bool> DecideAsync(IReadOnlyDictionary<string, string> decisions, CancellationToken ct)
    {
        var ids = decisions.Keys.ToList();
        var open = await db.HubJournal.Where(j => ids.Contains(j.MsgId) && j.Status == FederationEntries.Applied).ToListAsync(ct);
        foreach (var row in open)
        {
            row.Status = decisions[row.MsgId] is FederationEntries.Committed or FederationEntries.Aborted ? decisions[row.MsgId] : row.Status;
        }

        return open.Count > 0;
    }
}
