using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Settlement;
using Yibao.Server.Features.ECertificate;
using Yibao.Server.Infrastructure;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Settlements;

/// <summary>
/// Pre-settlement computes and changes nothing; settlement writes the settlement, the accumulators
/// and the account in one transaction, serialized per person so concurrent claims never overdraw.
/// </summary>
internal static class SettleVisit
{
    public static async Task<IResult> PreSettleAsync(string mdtrtId, SettleRequest? request, YibaoDbContext db, ClaimPreparation preparation, AgencyCalendar calendar, CancellationToken ct)
    {
        var outcome = await PreSettleCoreAsync(mdtrtId, request?.UseAccount ?? true, db, preparation, calendar, ct);
        return outcome.IsSuccess ? Results.Ok(outcome.Value) : outcome.Error.ToResult();
    }

    public static async Task<ApiOutcome<SettlementResponse>> PreSettleCoreAsync(string mdtrtId, bool useAccount, YibaoDbContext db, ClaimPreparation preparation, AgencyCalendar calendar, CancellationToken ct)
    {
        var visit = await db.Visits.AsNoTracking().FirstOrDefaultAsync(v => v.MdtrtId == mdtrtId, ct);
        if (visit is null)
        {
            return ClaimErrors.VisitNotFound(mdtrtId);
        }

        if (visit.Status != VisitStatus.Registered)
        {
            return ClaimErrors.VisitNotOpen(mdtrtId, visit.Status);
        }

        var outcome = await ComputeAsync(visit, useAccount, preparation, ct);
        if (!outcome.IsSuccess)
        {
            return outcome.Error;
        }

        // The settlement as it would be stored, never added: a pre-settlement has no id and no time.
        var row = BuildRow(outcome.Value.Claim, outcome.Value.Result, calendar);
        return ToResponse(row, calendar) with { SetlId = null, Status = "presettled", SetlTime = null };
    }

    public static Task<IResult> SettleAsync(string mdtrtId, SettleRequest? request, HttpContext http, IdempotentWrites writes, YibaoDbContext db, ClaimPreparation preparation, ECertificates certificates, AgencyCalendar calendar) =>
        writes.RunAsync(http, request, ct => SettleCoreAsync(mdtrtId, request?.UseAccount ?? true, db, preparation, calendar, ct, Identified(certificates, request?.MdtrtCertType, request?.MdtrtCertNo)));

    /// <summary>Online, the person must be proven present: the e-certificate with a face check.</summary>
    public static Func<VisitRow, CancellationToken, Task<ApiError?>> Identified(ECertificates certificates, string? certType, string? certNo) =>
        (visit, ct) => OnlineIdentity.CheckAsync(certificates, visit, certType, certNo, ct);

    /// <summary>Settles inside the caller's transaction; the reply's body is the <see cref="SettlementResponse"/>.</summary>
    /// <param name="admit">A last check of the person's identity, after the claim itself was found settleable.</param>
    public static async Task<Reply> SettleCoreAsync(string mdtrtId, bool useAccount, YibaoDbContext db, ClaimPreparation preparation, AgencyCalendar calendar, CancellationToken ct, Func<VisitRow, CancellationToken, Task<ApiError?>> admit)
    {
        var staged = await StageAsync(mdtrtId, useAccount, hold: false, db, preparation, calendar, ct, admit);
        return staged.IsSuccess ? Reply.Created(ToResponse(staged.Value, calendar)) : staged.Error;
    }

    /// <summary>
    /// Computes the visit's settlement under the person's lock and takes its effects on the account and
    /// the accumulator, inside the caller's transaction. With <paramref name="hold"/> the settlement is
    /// pending (a payment order holds it until the person pays) and the visit waits for payment.
    /// </summary>
    public static async Task<ApiOutcome<SettlementRow>> StageAsync(string mdtrtId, bool useAccount, bool hold, YibaoDbContext db, ClaimPreparation preparation, AgencyCalendar calendar, CancellationToken ct, Func<VisitRow, CancellationToken, Task<ApiError?>> admit)
    {
        var psnNo = await db.Visits.Where(v => v.MdtrtId == mdtrtId).Select(v => v.PsnNo).FirstOrDefaultAsync(ct);
        if (psnNo is null)
        {
            return ClaimErrors.VisitNotFound(mdtrtId);
        }

        // Everything about this person's money is read after the lock, so it is current.
        await WriteGate.LockPersonAsync(db, psnNo, ct);
        var visit = await db.Visits.FirstAsync(v => v.MdtrtId == mdtrtId, ct);
        if (visit.Status != VisitStatus.Registered)
        {
            return ClaimErrors.VisitNotOpen(mdtrtId, visit.Status);
        }

        var outcome = await ComputeAsync(visit, useAccount, preparation, ct);
        if (!outcome.IsSuccess)
        {
            return outcome.Error;
        }

        if (await admit(visit, ct) is { } unadmitted)
        {
            return unadmitted;
        }

        var (claim, result) = outcome.Value;
        var row = Apply(db, claim, result, calendar);
        if (hold)
        {
            row.Status = SettlementStatus.Pending;
            visit.Status = VisitStatus.Paying;
        }
        else
        {
            visit.Status = VisitStatus.Settled;
        }

        db.Record(calendar.Clock.GetUtcNow(), visit.FixmedinsCode, hold ? "settlement.hold" : "settlement.settle", "settlement", row.SetlId,
            $"fund {result.FundPaySumamt}, account {result.AcctPay}, cash {result.PsnCashPay}");
        return row;
    }

    private static async Task<ApiOutcome<(PreparedClaim Claim, SettlementResult Result)>> ComputeAsync(VisitRow visit, bool useAccount, ClaimPreparation preparation, CancellationToken ct)
    {
        var claim = await preparation.PrepareAsync(visit, useAccount, ct);
        if (!claim.IsSuccess)
        {
            return ApiError.From(claim.Error);
        }

        if (claim.Value.Lines.Count == 0)
        {
            return new ApiError(422, "no_fee_lines", $"Visit {visit.MdtrtId} has no fee lines to settle.");
        }

        var result = SettlementEngine.Settle(claim.Value.Input);
        return result.IsSuccess ? (claim.Value, result.Value) : ApiError.From(result.Error);
    }

    /// <summary>Stages the settlement and its effects on the account and the accumulator (spec rule 11).</summary>
    private static SettlementRow Apply(YibaoDbContext db, PreparedClaim claim, SettlementResult result, AgencyCalendar calendar)
    {
        var row = BuildRow(claim, result, calendar);
        db.Settlements.Add(row);
        claim.Account.Balance -= result.AcctPay;
        var accumulator = claim.Accumulator;
        if (accumulator is null)
        {
            accumulator = new AccumulatorRow { PsnNo = claim.Visit.PsnNo, Year = claim.Year, BenefitKind = result.BenefitKind.ToName() };
            db.Accumulators.Add(accumulator);
        }

        accumulator.DeductiblePaid += row.DeductibleDelta;
        accumulator.FundPaid += row.FundDelta;
        return row;
    }

    private static SettlementRow BuildRow(PreparedClaim claim, SettlementResult result, AgencyCalendar calendar)
    {
        var now = calendar.Clock.GetUtcNow();
        var visit = claim.Visit;
        var row = new SettlementRow
        {
            SetlId = Ids.New("ST", calendar.Now),
            MdtrtId = visit.MdtrtId,
            PsnNo = visit.PsnNo,
            FixmedinsCode = visit.FixmedinsCode,
            Insutype = claim.Input.Person.Insutype,
            InsuredArea = visit.InsuredArea,
            TreatmentArea = visit.TreatmentArea,
            MedType = visit.MedType,
            BenefitKind = result.BenefitKind.ToName(),
            Year = claim.Year,
            Channel = visit.Channel,
            Filing = visit.Filing,
            EffectiveLevel = result.EffectiveLevel,
            Ratio = result.Ratio,
            CatalogueVersion = claim.CatalogueVersion,
            PolicyRevision = claim.PolicyRevision,
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
            Status = SettlementStatus.Settled,
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

    public static SettlementResponse ToResponse(SettlementRow s, AgencyCalendar calendar) => new(
        s.SetlId,
        s.MdtrtId,
        s.PsnNo,
        s.FixmedinsCode,
        s.Insutype,
        s.MedType,
        s.BenefitKind,
        s.InsuredArea,
        s.TreatmentArea,
        s.Filing,
        s.Channel,
        s.EffectiveLevel,
        s.Ratio,
        s.MedfeeSumamt,
        s.FulamtOwnpayAmt,
        s.OverlmtSelfpay,
        s.PreselfpayAmt,
        s.InscpScpAmt,
        s.ActPayDedc,
        s.HifpPay,
        s.PoolPropSelfpay,
        s.FundPaySumamt,
        s.PsnPartAmt,
        s.AcctPay,
        s.PsnCashPay,
        s.Balc,
        s.Status,
        s.SettledAt.ToOffset(calendar.Now.Offset),
        s.CancelledAt?.ToOffset(calendar.Now.Offset),
        s.Lines.OrderBy(l => l.LineNo).Select(l => new SettlementLineResponse(l.FeedetlSn, l.Code, l.Amount, l.Fulamt, l.Over, l.Pre, l.Inscp)).ToList());
}
