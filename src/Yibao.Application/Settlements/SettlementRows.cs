using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Persons;
using Yibao.Storage.Entities;

namespace Yibao.Application.Settlements;

/// <summary>A computed claim as the settlement it records, and the ledger entry it takes.</summary>
public static class SettlementRows
{
    /// <param name="setlId">The settlement's id when it was chosen before computing (phase 2 on another node is sent under it); else a new one.</param>
    public static SettlementRow Build(ComputedClaim claim, SettlementStatus status, AgencyCalendar calendar, string? setlId = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(calendar);
        var now = calendar.Clock.GetUtcNow();
        var (visit, result) = (claim.Visit, claim.Result);
        var row = new SettlementRow
        {
            SetlId = setlId ?? Ids.New("ST", calendar.Now),
            MdtrtId = visit.MdtrtId,
            PsnNo = visit.PsnNo,
            FixmedinsCode = visit.FixmedinsCode,
            Insutype = claim.Party.Insutype,
            InsuredArea = visit.InsuredArea,
            TreatmentArea = visit.TreatmentArea,
            MedType = visit.MedType,
            BenefitKind = result.BenefitKind.ToName(),
            Year = visit.VisitDate.Year,
            Channel = visit.Channel,
            Filing = claim.Party.Filing,
            EffectiveLevel = result.EffectiveLevel,
            Ratio = result.Ratio,
            CatalogueVersion = claim.CatalogueVersion,
            PolicyRevision = claim.PolicyRevision,
            AcctUsedFlag = claim.Party.UseAccount,
            Retired = claim.Party.Retired,
            MedfeeSumamt = result.MedfeeSumamt,
            FulamtOwnpayAmt = result.FulamtOwnpayAmt,
            OverlmtSelfpay = result.OverlmtSelfpay,
            PreselfpayAmt = result.PreselfpayAmt,
            InscpScpAmt = result.InscpScpAmt,
            ActPayDedc = result.ActPayDedc,
            HifpPay = result.HifpPay,
            PoolPropSelfpay = result.PoolPropSelfpay,
            FundPaySumamt = result.FundPaySumamt,
            PsnPartAmt = result.PsnPartAmt,
            AcctPay = result.AcctPay,
            PsnCashPay = result.PsnCashPay,
            Balc = result.Balc,
            DeductibleDelta = result.AccumulatorDelta.DeductiblePaid,
            FundDelta = result.AccumulatorDelta.FundPaid,
            Status = status,
            SettledAt = now,
            SettlementDate = calendar.DateOf(now),
        };
        for (var i = 0; i < result.Lines.Count; i++)
        {
            var split = result.Lines[i];
            row.Lines.Add(new SettlementLineRow
            {
                SetlId = row.SetlId,
                LineNo = i + 1,
                FeedetlSn = claim.Lines[i].FeedetlSn,
                Code = split.Code,
                Amount = claim.Lines[i].Amount,
                Fulamt = split.Fulamt,
                Over = split.Over,
                Pre = split.Pre,
                Inscp = split.Inscp,
            });
        }

        return row;
    }

    /// <summary>What the settlement took from the person's ledger; its cancellation gives back exactly this.</summary>
    public static LedgerEntry EntryOf(SettlementRow settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        BenefitKinds.TryParse(settlement.BenefitKind, out var benefit);
        return new LedgerEntry(settlement.Year, benefit, settlement.AcctPay, new Accumulator(settlement.DeductibleDelta, settlement.FundDelta));
    }

    /// <summary>The only way a settlement's status changes: by its lifecycle.</summary>
    public static Domain.DomainError? Move(this SettlementRow settlement, SettlementEvent @event)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var next = SettlementLifecycle.Next(settlement.SetlId, settlement.Status, @event);
        if (!next.IsSuccess)
        {
            return next.Error;
        }

        settlement.Status = next.Value;
        return null;
    }
}
