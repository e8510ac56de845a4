using System.Globalization;

namespace Yibao.Domain.Supervision.Rules;

/// <summary>A doctor's or an institution's totals over a period, against which it is compared with its peers.</summary>
/// <param name="Subject"><c>doctor:CODE</c> or <c>institution:CODE</c>.</param>
/// <param name="Peers">The peer group (an institution level and kind; the doctors of one department).</param>
/// <param name="ItemAmounts">Amount billed per item.</param>
public sealed record PeerTotals(string Subject, string Peers, int Visits, int Persons, decimal Amount, IReadOnlyDictionary<string, decimal> ItemAmounts);

/// <summary>
/// A statistical rule, after the event only: a measure of each subject against its peers', a
/// finding when its z-score against the others of its group passes the parameter (and there are
/// enough others to say).
/// </summary>
public abstract class PeerRule
{
    public abstract RuleDefinition Definition { get; }

    /// <summary>The measure, and the evidence it names (an item for a share).</summary>
    protected abstract IEnumerable<(decimal Value, string Evidence)> Measures(PeerTotals totals);

    public IEnumerable<Finding> Evaluate(IReadOnlyList<PeerTotals> totals, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(parameters);
        var threshold = decimal.Parse(parameters["zScore"], CultureInfo.InvariantCulture);
        var minPeers = int.Parse(parameters["minPeers"], CultureInfo.InvariantCulture);
        var minRatio = double.Parse(parameters["minRatio"], CultureInfo.InvariantCulture);
        foreach (var group in totals.GroupBy(t => t.Peers, StringComparer.Ordinal))
        {
            var subjects = group.ToList();
            var measured = subjects.SelectMany(t => Measures(t).Select(m => (Totals: t, m.Value, m.Evidence))).GroupBy(m => m.Evidence, StringComparer.Ordinal);
            foreach (var byEvidence in measured)
            {
                // A peer that has none of what is measured (an item it never bills) counts as zero.
                var measure = ZeroWhenAbsent
                    ? [.. byEvidence, .. subjects.Where(t => byEvidence.All(m => m.Totals != t)).Select(t => (Totals: t, Value: 0m, Evidence: byEvidence.Key))]
                    : byEvidence.ToList();
                if (measure.Count <= minPeers)
                {
                    continue;
                }

                // Each subject against the others (leave one out): an outlier does not drag the yardstick it is measured by.
                var sum = measure.Sum(m => (double)m.Value);
                var squares = measure.Sum(m => (double)m.Value * (double)m.Value);
                var others = measure.Count - 1;
                foreach (var (subject, value, evidence) in measure)
                {
                    var mean = (sum - (double)value) / others;
                    var variance = ((squares - ((double)value * (double)value)) / others) - (mean * mean);
                    var sd = Math.Sqrt(Math.Max(0, variance));
                    if (sd == 0)
                    {
                        continue;
                    }

                    var z = ((double)value - mean) / sd;
                    // Far from the others in spread, and by a margin that matters: a tight group makes small differences large z-scores.
                    if (z > (double)threshold && (double)value > mean * minRatio)
                    {
                        var content = SupervisionRule.Explain(Definition.Explanation,
                            [("subject", subject.Subject), ("value", Math.Round(value, 2)), ("mean", Math.Round((decimal)mean, 2)), ("z", Math.Round((decimal)z, 2)), ("peers", group.Key), ("evidence", evidence)],
                            parameters);
                        yield return new Finding(Definition.Id, Definition.Name, Definition.Severity, false, "", "", content, Money.Round(Excess(subject, value, (decimal)mean)), [evidence], parameters, subject.Subject);
                    }
                }
            }
        }
    }

    /// <summary>Whether a peer with no such measure counts as zero (an item's share) or not at all.</summary>
    protected virtual bool ZeroWhenAbsent => false;

    /// <summary>The amount at stake: what the subject billed beyond the peers' mean, by the measure.</summary>
    protected abstract decimal Excess(PeerTotals totals, decimal value, decimal mean);

    protected static RuleDefinition Define(string id, string name, string explanation) =>
        new(id, name, RuleFamily.Medical, RuleStage.After, Scene.Any, Severity.Suspect, false,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["zScore"] = "3", ["minPeers"] = "5", ["minRatio"] = "1.5" }, explanation);
}

/// <summary>Cost per visit far above the peers'.</summary>
public sealed class CostPerVisitOutlierRule : PeerRule
{
    public override RuleDefinition Definition { get; } = Define("STA001", "Cost per visit outlier", "{subject}'s cost per visit {value} is {z} standard deviations above its peers' ({peers}) mean {mean}.");

    protected override IEnumerable<(decimal Value, string Evidence)> Measures(PeerTotals totals) =>
        totals.Visits == 0 ? [] : [(totals.Amount / totals.Visits, "cost per visit")];

    protected override decimal Excess(PeerTotals totals, decimal value, decimal mean) => (value - mean) * totals.Visits;
}

/// <summary>Visits per person far above the peers' (patients brought back again and again).</summary>
public sealed class VisitsPerPersonOutlierRule : PeerRule
{
    public override RuleDefinition Definition { get; } = Define("STA002", "Visits per person outlier", "{subject} sees each person {value} times, {z} standard deviations above its peers' ({peers}) mean {mean}.");

    protected override IEnumerable<(decimal Value, string Evidence)> Measures(PeerTotals totals) =>
        totals.Persons == 0 ? [] : [((decimal)totals.Visits / totals.Persons, "visits per person")];

    protected override decimal Excess(PeerTotals totals, decimal value, decimal mean) =>
        totals.Visits == 0 ? 0m : (value - mean) * totals.Persons * (totals.Amount / totals.Visits);
}

/// <summary>One item's share of the amount far above the peers' share of it.</summary>
public sealed class ItemShareOutlierRule : PeerRule
{
    public override RuleDefinition Definition { get; } = Define("STA003", "Share of one item outlier", "{evidence} is {value} of {subject}'s amount, {z} standard deviations above its peers' ({peers}) mean share {mean}.");

    protected override IEnumerable<(decimal Value, string Evidence)> Measures(PeerTotals totals) =>
        totals.Amount == 0 ? [] : totals.ItemAmounts.Select(i => (i.Value / totals.Amount, i.Key));

    protected override bool ZeroWhenAbsent => true;

    protected override decimal Excess(PeerTotals totals, decimal value, decimal mean) => (value - mean) * totals.Amount;
}
