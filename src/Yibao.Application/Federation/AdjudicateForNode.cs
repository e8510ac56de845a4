using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Application.Ledger;
using Yibao.Application.Reference;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Application.Federation;

/// <summary>
/// Phase 2 for a treatment node ("treatment-place catalogue, insured-place policy"): the claim its
/// catalogue classified meets this node's policy, the person's filings and their ledger, under the
/// ledger's lock. With <see cref="RemoteClaim.Take"/> the entry is taken and kept with the answer,
/// keyed by the message id, in the caller's transaction: a retry gets the same answer.
/// </summary>
public sealed record AdjudicateForNode(RemoteClaim Claim, string TreatmentNode);

public sealed class AdjudicateForNodeHandler(YibaoDbContext db, LocalPersonLedger ledgers, ReferenceData reference, IOptions<YibaoOptions> options, TimeProvider clock)
{
    public async Task<Result<RemoteSplit>> HandleAsync(AdjudicateForNode command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var claim = command.Claim;
        if (Malformed(claim) is { } malformed)
        {
            return malformed;
        }

        var year = claim.VisitDate.Year;
        ILedgerLock? locked = null;
        LedgerView? view;
        if (claim.Take)
        {
            locked = await ledgers.LockAsync(claim.PsnNo, year, ct);
            view = locked is null ? null : new LedgerView(locked.Ledger, locked.Insured);
            if (view is not null && await FederationEntries.RepeatAsync<RemoteSplit>(db, claim.MsgId, ct) is { } repeat)
            {
                return repeat;
            }
        }
        else
        {
            view = await ledgers.ReadAsync(claim.PsnNo, year, ct);
        }

        if (view is null || !options.Value.Federation.Serves(view.Insured.Area))
        {
            return PersonErrors.NotFound(claim.PsnNo);
        }

        var insured = view.Insured;
        var policy = await reference.PolicyAsync(insured.Area, insured.Insutype, year, ct);
        if (policy is null)
        {
            return SettlementErrors.PolicyNotFound(insured.Area, insured.Insutype, year);
        }

        if (!MedType.TryGetBenefitKind(claim.MedType, out var benefit))
        {
            return SettlementErrors.UnknownMedType;
        }

        // The filing is the insured place's to judge, as it stands now: a supplementary filing made since the visit counts.
        var filings = await db.Filings.AsNoTracking().Where(f => f.PsnNo == claim.PsnNo).ToListAsync(ct);
        var filing = CrossRegionFilings.Resolve(insured.Area, claim.TreatmentArea, claim.VisitDate, filings.Select(f => f.ToDomain()));
        var result = SettlementEngine.Adjudicate(
            new ClassifiedClaim(claim.Lines, claim.Totals),
            policy.Policy,
            new InsuredPerson(insured.Area, insured.Insutype, insured.Retired, view.Ledger.Balance, view.Ledger.Accumulators),
            claim.EffectiveLevel,
            benefit,
            new Visit(claim.MedType, claim.Channel, claim.VisitKind, claim.UseAccount, filing));
        if (locked is null)
        {
            return new RemoteSplit(result, insured.Insutype, insured.Retired, filing.ToName(), policy.Revision, LedgerState.Of(view.Ledger));
        }

        await locked.TakeAsync(new LedgerEntry(year, benefit, result.AcctPay, result.AccumulatorDelta), claim.MsgId, ct);
        var split = new RemoteSplit(result, insured.Insutype, insured.Retired, filing.ToName(), policy.Revision, LedgerState.Of(locked.Ledger));
        var now = clock.GetUtcNow();
        db.FederationEntries.Add(new FederationEntryRow
        {
            MsgId = claim.MsgId,
            Kind = FederationEntries.Settle,
            SetlId = claim.MsgId,
            TreatmentNode = command.TreatmentNode,
            PsnNo = claim.PsnNo,
            InsuredArea = insured.Area,
            TreatmentArea = claim.TreatmentArea,
            FixmedinsCode = claim.FixmedinsCode,
            Year = year,
            BenefitKind = benefit.ToName(),
            MedfeeSumamt = result.MedfeeSumamt,
            FundPaySumamt = result.FundPaySumamt,
            AcctPay = result.AcctPay,
            DeductibleDelta = result.AccumulatorDelta.DeductiblePaid,
            FundDelta = result.AccumulatorDelta.FundPaid,
            Answer = JsonSerializer.Serialize(split, FederationWire.Json),
            Status = FederationEntries.Applied,
            AppliedAt = now,
        });
        db.Record(now, command.TreatmentNode, "federation.settle", "settlement", claim.MsgId, $"at {claim.FixmedinsCode}: fund {result.FundPaySumamt}, account {result.AcctPay}");
        return split;
    }

    /// <summary>What a treatment node's phase 1 cannot have produced: the lines' parts must add up to the totals.</summary>
    private static DomainError? Malformed(RemoteClaim claim)
    {
        var lines = claim.Lines ?? [];
        var t = claim.Totals;
        var consistent = lines.Count > 0
            && lines.Sum(l => l.Fulamt) == t.FulamtOwnpayAmt && lines.Sum(l => l.Over) == t.OverlmtSelfpay && lines.Sum(l => l.Pre) == t.PreselfpayAmt
            && lines.Sum(l => l.Inscp) == t.InscpScpAmt && t.FulamtOwnpayAmt + t.OverlmtSelfpay + t.PreselfpayAmt + t.InscpScpAmt == t.MedfeeSumamt
            && lines.All(l => l.Fulamt >= 0 && l.Over >= 0 && l.Pre >= 0 && l.Inscp >= 0);
        return string.IsNullOrWhiteSpace(claim.MsgId) || claim.MsgId.Length > 40 || string.IsNullOrWhiteSpace(claim.PsnNo) || !consistent
            ? FederationErrors.Invalid.With("The classified claim is malformed: a message id (at most 40 characters), a person, and lines whose parts add up to the totals.")
            : null;
    }
}
