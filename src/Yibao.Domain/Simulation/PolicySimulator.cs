using Yibao.Domain.Persons;
using Yibao.Domain.Policies;
using Yibao.Domain.Settlement;

namespace Yibao.Domain.Simulation;

/// <summary>
/// Re-settles a person's past settlements under another policy, with the engine's own phase 2
/// (<see cref="SettlementEngine.Adjudicate"/>): phase 1 depends only on the treatment-place
/// catalogue, so each claim's stored totals are what the new policy would have adjudicated.
/// </summary>
/// <remarks>
/// The person's ledger is rebuilt as it would have been: the accumulators start from what they
/// were before the year's first settlement and change as each simulated settlement takes and each
/// cancellation gives back, in the order these happened; the account balance differs from the
/// stored one by what the simulated settlements took more or less. Top-ups and opening amounts
/// are thereby kept as they were.
/// </remarks>
public static class PolicySimulator
{
    public static IReadOnlyList<Resettlement> Resettle(PersonHistory history, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(policy);
        var stored = history.Settlements;
        var results = new Resettlement[stored.Count];
        var accumulators = Opening(history);
        var accountDifference = 0m;
        foreach (var (index, givesBack) in Events(stored))
        {
            var s = stored[index];
            if (givesBack)
            {
                var taken = results[index];
                accumulators = accumulators.With(s.BenefitKind, accumulators[s.BenefitKind].Subtract(taken.Delta));
                accountDifference -= s.AcctPay - taken.AcctPay;
                continue;
            }

            var person = new InsuredPerson(policy.Area, policy.Insutype, s.Retired, s.BalanceBefore + accountDifference, accumulators);

            // Phase 2 reads of the visit only the account choice and the filing.
            var visit = new Visit(s.MedType, s.Channel, Codes.VisitKind.FollowUp, s.AcctUsedFlag, s.Filing);
            var r = SettlementEngine.Adjudicate(new ClassifiedClaim([], s.Totals), policy, person, s.EffectiveLevel, s.BenefitKind, visit);
            results[index] = new Resettlement(s, r.FundPaySumamt, r.AcctPay, r.PsnCashPay, r.AccumulatorDelta);
            accumulators = accumulators.With(s.BenefitKind, accumulators[s.BenefitKind].Add(r.AccumulatorDelta));
            accountDifference += s.AcctPay - r.AcctPay;
        }

        return results;
    }

    /// <summary>The accumulators before the year's first settlement: now, less what every standing settlement added.</summary>
    private static AccumulatorSet Opening(PersonHistory history)
    {
        var opening = history.AccumulatorsNow;
        foreach (var s in history.Settlements)
        {
            if (s.Stands)
            {
                opening = opening.With(s.BenefitKind, opening[s.BenefitKind].Subtract(s.Delta));
            }
        }

        return opening;
    }

    /// <summary>
    /// Takes and give-backs in time order; at the same instant, in settlement order, so that a
    /// settlement gives back only after it took and an earlier one's give-back precedes a later take.
    /// </summary>
    private static List<(int Index, bool GivesBack)> Events(IReadOnlyList<StoredSettlement> stored)
    {
        var events = new List<(DateTimeOffset At, int Index, bool GivesBack)>(stored.Count);
        var ordered = true;
        for (var i = 0; i < stored.Count; i++)
        {
            var s = stored[i];
            ordered &= i == 0 || stored[i - 1].SettledAt <= s.SettledAt;
            events.Add((s.SettledAt, i, false));
            if (!s.Stands && s.GivenBackAt is { } at)
            {
                events.Add((at, i, true));
                ordered = false;
            }
        }

        // Most people's years are settlements alone, already in order: nothing to sort.
        if (!ordered)
        {
            events.Sort();
        }

        return events.ConvertAll(e => (e.Index, e.GivesBack));
    }
}
