using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Persons;
using Yibao.Domain.Policies;

namespace Yibao.Domain.Settlement;

/// <summary>
/// The settlement arithmetic of <c>spec/settlement.md</c>, in two phases: <see cref="ClassifyClaim"/>
/// with the treatment-place catalogue, then <see cref="Adjudicate"/> with the insured-place policy.
/// Pure and deterministic; nothing here depends on the channel (rule 1).
/// </summary>
public static class SettlementEngine
{
    public static Result<SettlementResult> Settle(SettlementInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Refusals in the spec's order of precedence.
        if (Admissible(input.Visit) is { } refused)
        {
            return refused;
        }

        if (input.Person.Insutype != input.Policy.Insutype)
        {
            return SettlementErrors.InsutypeMismatch;
        }

        var classified = ClassifyAtLevels(input.Catalogue, input.Institution, input.Lines);
        if (!classified.IsSuccess)
        {
            return classified.Error;
        }

        MedType.TryGetBenefitKind(input.Visit.MedType, out var benefitKind);
        return Adjudicate(classified.Value, input.Policy, input.Person, input.Institution.EffectiveLevel, benefitKind, input.Visit);
    }

    /// <summary>
    /// Phase 1 as the treatment place runs it when phase 2 runs elsewhere (the insured person's node):
    /// the same refusals as <see cref="Settle"/> in the same order, but the insurance type's, which only
    /// the insured place can judge.
    /// </summary>
    public static Result<ClassifiedClaim> ClassifyForInsuredPlace(Visit visit, Catalogue catalogue, SettlingInstitution institution, IReadOnlyList<FeeLine> lines)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return Admissible(visit) is { } refused ? refused : ClassifyAtLevels(catalogue, institution, lines);
    }

    private static DomainError? Admissible(Visit visit) =>
        visit.Channel == Channel.Online && visit.VisitKind == VisitKind.First ? SettlementErrors.OnlineFirstVisit
        : !MedType.TryGetBenefitKind(visit.MedType, out _) ? SettlementErrors.UnknownMedType
        : null;

    private static Result<ClassifiedClaim> ClassifyAtLevels(Catalogue catalogue, SettlingInstitution institution, IReadOnlyList<FeeLine> lines)
    {
        ArgumentNullException.ThrowIfNull(institution);
        var classified = ClassifyClaim(catalogue, lines);
        return !classified.IsSuccess ? classified : institution.HasValidLevels ? classified : SettlementErrors.InvalidInstitutionLevel;
    }

    /// <summary>Phase 1 for a whole claim: every line's split and the claim's totals (rules 4–5).</summary>
    public static Result<ClassifiedClaim> ClassifyClaim(Catalogue catalogue, IReadOnlyList<FeeLine> lines)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(lines);
        var splits = new LineSplit[lines.Count];
        var totals = default(RunningTotals);
        for (var i = 0; i < splits.Length; i++)
        {
            var line = lines[i];
            if (!line.IsValid)
            {
                return SettlementErrors.InvalidLine;
            }

            splits[i] = Classify(catalogue.Find(line.Code), line, ref totals);
        }

        return new ClassifiedClaim(splits, totals.ToClaimTotals());
    }

    /// <summary>Rule 4 for one valid line.</summary>
    public static LineSplit Classify(CatalogueEntry? entry, in FeeLine line)
    {
        var ignored = default(RunningTotals);
        return Classify(entry, line, ref ignored);
    }

    /// <remarks>
    /// Decimal operations are nearly all of the engine's time, so none is spent on a zero: a class-A
    /// line under its cap costs one addition. The in-scope total is derived once, at the end.
    /// </remarks>
    private static LineSplit Classify(CatalogueEntry? entry, in FeeLine line, ref RunningTotals totals)
    {
        totals.Medfee += line.Amount;
        if (entry is null || entry.Class == CatalogueClass.C)
        {
            totals.Fulamt += line.Amount;
            return new LineSplit(line.Code, line.Amount, 0m, 0m, 0m);
        }

        decimal over = 0m, pre = 0m, inscp = line.Amount;
        if (entry.PriceCap is { } cap && line.Price > cap)
        {
            over = Money.Round((line.Price - cap) * line.Qty);
            inscp -= over;
            totals.Over += over;
        }

        if (entry.Class == CatalogueClass.B && entry.SelfpayProp != 0m)
        {
            pre = Money.Round(inscp * entry.SelfpayProp);
            inscp -= pre;
            totals.Pre += pre;
        }

        return new LineSplit(line.Code, 0m, over, pre, inscp);
    }

    private struct RunningTotals
    {
        public decimal Medfee;
        public decimal Fulamt;
        public decimal Over;
        public decimal Pre;

        public readonly ClaimTotals ToClaimTotals() => new(Medfee, Fulamt, Over, Pre, Medfee - Fulamt - Over - Pre);
    }

    /// <summary>Phase 2: deductible, ratio, cap, personal account and cash (rules 6–11).</summary>
    public static SettlementResult Adjudicate(ClassifiedClaim claim, Policy policy, InsuredPerson person, int effectiveLevel, BenefitKind benefitKind, Visit visit)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(visit);

        var totals = claim.Totals;
        var benefit = policy.BenefitFor(benefitKind);
        var used = person.Accumulators[benefitKind];

        // Rule 6: deductible.
        var deductibleAmount = benefit.Deductible.Amount[effectiveLevel];
        var remainingDeductible = benefit.Deductible.Per == DeductiblePer.Year
            ? Math.Max(0m, deductibleAmount - used.DeductiblePaid)
            : deductibleAmount;
        var actPayDedc = Math.Min(totals.InscpScpAmt, remainingDeductible);

        // Rule 7: ratio.
        var ratio = Math.Clamp(benefit.Ratio[effectiveLevel] + (person.Retired ? benefit.RetiredBonus : 0m), 0m, policy.MaxRatio);
        if (visit.Filing != Filing.None)
        {
            ratio = Math.Max(0m, ratio - policy.CrossRegion.For(visit.Filing));
        }

        // Rule 9: pooled fund, within what is left of the annual cap.
        var eligible = totals.InscpScpAmt - actPayDedc;
        var raw = Money.Round(eligible * ratio);
        var hifpPay = benefit.Cap is { } cap ? Math.Min(raw, Math.Max(0m, cap - used.FundPaid)) : raw;

        // Rule 10: the person's part, from the account first where allowed.
        var psnPart = totals.MedfeeSumamt - hifpPay;
        var acctPay = visit.UseAccount && Insutype.HasPersonalAccount(person.Insutype)
            ? Math.Min(Math.Max(0m, person.AccountBalance), psnPart)
            : 0m;

        return new SettlementResult
        {
            BenefitKind = benefitKind,
            EffectiveLevel = effectiveLevel,
            Ratio = ratio,
            MedfeeSumamt = totals.MedfeeSumamt,
            FulamtOwnpayAmt = totals.FulamtOwnpayAmt,
            OverlmtSelfpay = totals.OverlmtSelfpay,
            PreselfpayAmt = totals.PreselfpayAmt,
            InscpScpAmt = totals.InscpScpAmt,
            ActPayDedc = actPayDedc,
            HifpPay = hifpPay,
            PoolPropSelfpay = eligible - hifpPay,
            FundPaySumamt = hifpPay,
            PsnPartAmt = psnPart,
            AcctPay = acctPay,
            PsnCashPay = psnPart - acctPay,
            Balc = person.AccountBalance - acctPay,
            Lines = claim.Lines,
            // Rule 11: admission deductibles are not carried in the year's accumulator.
            AccumulatorDelta = new Accumulator(benefit.Deductible.Per == DeductiblePer.Year ? actPayDedc : 0m, hifpPay),
        };
    }
}
