using CsCheck;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Persons;
using Yibao.Domain.Policies;
using Yibao.Domain.Settlement;
using Yibao.Domain.Simulation;
using static Yibao.Domain.Tests.Settlement.SettlementGenerators;

namespace Yibao.Domain.Tests.Simulation;

/// <summary>One claim of a generated year: where, what, whether it is cancelled later, and a top-up of the account before it.</summary>
internal sealed record YearClaim(SettlingInstitution Institution, Visit Visit, FeeLine[] Lines, int? CancelledAfter, decimal TopUp);

/// <summary>A person's year, settled claim by claim by the engine as the platform would, with cancellations giving back.</summary>
internal sealed record PersonYear(Policy Policy, Catalogue Catalogue, InsuredPerson Opening, YearClaim[] Claims)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);

    public static readonly Gen<PersonYear> Gen = CsCheck.Gen.Select(
        PolicyGen,
        CatalogueGen,
        PersonGen,
        CsCheck.Gen.Select(InstitutionGen, FollowUpVisitGen, LineGen.Array[1, 6], OrNullValue(CsCheck.Gen.Int[0, 3]), CsCheck.Gen.Int[0, 3].SelectMany(t => t == 0 ? Cents(50_000) : CsCheck.Gen.Const(0m)))
            .Select((i, v, l, c, t) => new YearClaim(i, v, l, c, t)).Array[1, 12],
        (policy, catalogue, person, claims) => new PersonYear(policy, catalogue, person with { Insutype = policy.Insutype }, claims));

    /// <summary>Settles the claims in order through the engine, each against the ledger as it then was; claim i settles at hour 10·i, and a cancellation after k more claims comes 5 hours before the next one.</summary>
    public PersonHistory Settle(DateOnly? periodDate = null)
    {
        var balance = Opening.AccountBalance;
        var accumulators = Opening.Accumulators;
        var stored = new List<StoredSettlement>();
        var deltas = new List<(Accumulator Delta, decimal Acct, BenefitKind Kind)>();
        var cancellations = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < Claims.Length; i++)
        {
            foreach (var cancelled in cancellations.GetValueOrDefault(i) ?? [])
            {
                var (delta, acct, kind) = deltas[cancelled];
                accumulators = accumulators.With(kind, accumulators[kind].Subtract(delta));
                balance += acct;
            }

            var claim = Claims[i];
            balance += claim.TopUp;
            var input = new SettlementInput(Policy, Catalogue, Opening with { AccountBalance = balance, Accumulators = accumulators }, claim.Institution, claim.Visit, claim.Lines);
            var r = SettlementEngine.Settle(input).Value;
            var at = Start.AddHours(10 * i);
            var cancelIndex = claim.CancelledAfter is { } k ? Math.Min(i + 1 + k, Claims.Length) : (int?)null;
            stored.Add(new StoredSettlement
            {
                SetlId = $"S{i:00}",
                MedType = claim.Visit.MedType,
                Channel = claim.Visit.Channel,
                BenefitKind = r.BenefitKind,
                EffectiveLevel = r.EffectiveLevel,
                InstitutionLevel = claim.Institution.Level,
                Filing = claim.Visit.Filing,
                AcctUsedFlag = claim.Visit.UseAccount,
                Retired = Opening.Retired,
                Totals = new ClaimTotals(r.MedfeeSumamt, r.FulamtOwnpayAmt, r.OverlmtSelfpay, r.PreselfpayAmt, r.InscpScpAmt),
                BalanceBefore = balance,
                FundPaySumamt = r.FundPaySumamt,
                AcctPay = r.AcctPay,
                PsnCashPay = r.PsnCashPay,
                Delta = r.AccumulatorDelta,
                Status = cancelIndex is null ? SettlementStatus.Settled : SettlementStatus.Cancelled,
                SettledAt = at,
                SettlementDate = periodDate ?? DateOnly.FromDateTime(at.UtcDateTime),
                GivenBackAt = cancelIndex is { } c ? Start.AddHours((10 * c) - 5) : null,
            });
            deltas.Add((r.AccumulatorDelta, r.AcctPay, r.BenefitKind));
            accumulators = accumulators.With(r.BenefitKind, accumulators[r.BenefitKind].Add(r.AccumulatorDelta));
            balance -= r.AcctPay;
            if (cancelIndex is { } ci)
            {
                if (!cancellations.TryGetValue(ci, out var list))
                {
                    cancellations[ci] = list = [];
                }

                list.Add(i);
            }
        }

        // Cancellations after the last claim.
        foreach (var cancelled in cancellations.GetValueOrDefault(Claims.Length) ?? [])
        {
            var (delta, _, kind) = deltas[cancelled];
            accumulators = accumulators.With(kind, accumulators[kind].Subtract(delta));
        }

        return new PersonHistory("P1", stored, accumulators);
    }
}
