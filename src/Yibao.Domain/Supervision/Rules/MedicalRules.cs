using System.Globalization;

namespace Yibao.Domain.Supervision.Rules;

/// <summary>超量: a line's quantity beyond its days of medication times the item's daily dose limit.</summary>
public sealed class OverQuantityRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MED001", "Over-quantity", RuleFamily.Medical, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Suspect, false,
        "{item}: {qty} is more than {days} days × {limit} a day ({most}).");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        AnyLineIn(claim, knowledge.DailyDoseLimits);

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var line in context.Claim.Lines)
        {
            if (!context.Knowledge.DailyDoseLimits.TryGetValue(line.Code, out var limit))
            {
                continue;
            }

            var days = line.Days ?? 1;
            var most = days * limit;
            if (line.Qty > most)
            {
                yield return Fire(context, line.Price * (line.Qty - most), [line], ("item", $"{line.Code} {line.Name}"), ("qty", line.Qty), ("days", days), ("limit", limit), ("most", most));
            }
        }
    }
}

/// <summary>超频次: more of an item in its period than its frequency limit allows (this claim with the history's).</summary>
public sealed class OverFrequencyRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MED002", "Over-frequency per period", RuleFamily.Medical, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Suspect, false,
        "{item}: {count} in the {period} days to {date}, more than the {max} allowed.");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        AnyLineIn(claim, knowledge.FrequencyLimits);

    /// <remarks>
    /// Not an iterator, and the firing in a method of its own: after the event every claim passes here,
    /// and an iterator, or a closure over each line's code, was an allocation for each claim and line.
    /// </remarks>
    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lines = context.Claim.Lines;
        List<Finding>? findings = null;
        for (var i = 0; i < lines.Count; i++)
        {
            // Each limited item once, at its first line (the order GroupBy gave).
            var code = lines[i].Code;
            if (!context.Knowledge.FrequencyLimits.TryGetValue(code, out var limit) || IndexOf(lines, code) != i)
            {
                continue;
            }

            var last = Last(lines, code, i);
            var since = last.AddDays(1 - limit.PeriodDays);
            var count = Earlier(context.History, code, since, last) + Quantity(lines, code, i, since);
            if (count > limit.MaxCount)
            {
                (findings ??= []).Add(Over(context, code, count, limit, last));
            }
        }

        return (IEnumerable<Finding>?)findings ?? [];
    }

    private Finding Over(RuleContext context, string code, decimal count, FrequencyLimit limit, DateOnly last)
    {
        var group = context.Claim.Lines.Where(l => l.Code == code).ToList();
        var unit = group.Sum(l => l.Amount) / Math.Max(1m, group.Sum(l => l.Qty));
        return Fire(context, Math.Min(count - limit.MaxCount, group.Sum(l => l.Qty)) * unit, group,
            ("item", $"{code} {group[0].Name}"), ("count", count), ("period", limit.PeriodDays), ("max", limit.MaxCount), ("date", last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    /// <summary>The item's last date on the claim's lines, from its first line, <paramref name="from"/>, on.</summary>
    private static DateOnly Last(IReadOnlyList<SupervisedLine> lines, string code, int from)
    {
        var last = lines[from].Date;
        for (var i = from + 1; i < lines.Count; i++)
        {
            if (lines[i].Code == code && lines[i].Date > last)
            {
                last = lines[i].Date;
            }
        }

        return last;
    }

    /// <summary>The item's quantity on the claim's lines from <paramref name="since"/> on.</summary>
    private static decimal Quantity(IReadOnlyList<SupervisedLine> lines, string code, int from, DateOnly since)
    {
        var qty = 0m;
        for (var i = from; i < lines.Count; i++)
        {
            if (lines[i].Code == code && lines[i].Date >= since)
            {
                qty += lines[i].Qty;
            }
        }

        return qty;
    }

    private static int IndexOf(IReadOnlyList<SupervisedLine> lines, string code)
    {
        var i = 0;
        while (lines[i].Code != code)
        {
            i++;
        }

        return i;
    }

    /// <summary>How many of the item the history's claims gave from <paramref name="since"/> to <paramref name="last"/>.</summary>
    private static decimal Earlier(ClaimHistory history, string code, DateOnly since, DateOnly last)
    {
        var qty = 0m;
        for (var c = 0; c < history.Claims.Count; c++)
        {
            var claim = history.Claims[c];
            for (var i = 0; i < claim.Lines.Count; i++)
            {
                var line = claim.Lines[i];
                if (line.Code == code && line.Date >= since && line.Date <= last)
                {
                    qty += line.Qty;
                }
            }
        }

        return qty;
    }
}

/// <summary>重复用药: two items of one ingredient or class group at once (in this claim, or this claim's and one still in course from the history).</summary>
public sealed class DuplicateTherapyRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MED003", "Duplicate drugs or therapy", RuleFamily.Medical, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Suspect, false,
        "{item} duplicates {other} (group {group}) given {when}.");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        AnyLineIn(claim, knowledge.TherapyGroups);

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var groups = context.Knowledge.TherapyGroups;
        var lines = context.Claim.Lines.Where(l => groups.ContainsKey(l.Code)).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var group = groups[line.Code];
            if (lines.Take(i).FirstOrDefault(o => groups[o.Code] == group && o.Code != line.Code) is { } sameClaim)
            {
                yield return Fire(context, line.Amount, [sameClaim, line], ("item", $"{line.Code} {line.Name}"), ("other", $"{sameClaim.Code} {sameClaim.Name}"), ("group", group), ("when", "in the same claim"));
                continue;
            }

            var inCourse = context.History.Claims.SelectMany(c => c.Lines)
                .FirstOrDefault(o => o.Code != line.Code && groups.GetValueOrDefault(o.Code) == group && o.Date <= line.Date && o.Date.AddDays(o.Days ?? 1) > line.Date);
            if (inCourse is not null)
            {
                yield return Fire(context, line.Amount, [line], ("item", $"{line.Code} {line.Name}"), ("other", $"{inCourse.Code} {inCourse.Name}"), ("group", group),
                    ("when", $"on {inCourse.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} for {inCourse.Days ?? 1} days"));
            }
        }
    }
}

/// <summary>配伍禁忌: two items not to be given together, in one claim.</summary>
public sealed class ContraindicationRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MED004", "Contraindicated combination", RuleFamily.Medical, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Violation, true,
        "{a} and {b} must not be given together.");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        knowledge.Contraindications.Count > 0;

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lines = context.Claim.Lines;
        foreach (var (a, b) in context.Knowledge.Contraindications)
        {
            var first = lines.FirstOrDefault(l => l.Code == a);
            var second = lines.FirstOrDefault(l => l.Code == b);
            if (first is not null && second is not null)
            {
                yield return Fire(context, second.Amount, [first, second], ("a", $"{first.Code} {first.Name}"), ("b", $"{second.Code} {second.Name}"));
            }
        }
    }
}

/// <summary>A prescription dispensed twice: a line names a prescription that an earlier settled claim already dispensed.</summary>
public sealed class PrescriptionReusedRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MED005", "Prescription reused or dispensed twice", RuleFamily.Medical, RuleStage.During | RuleStage.After, Scene.Pharmacy | Scene.Outpatient, Severity.Violation, true,
        "Prescription {rxno} was already dispensed by claim {previous}.");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        history.Claims.Count > 0 && AnyPrescription(claim);

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var group in context.Claim.Lines.Where(l => l.Rxno is not null).GroupBy(l => l.Rxno!, StringComparer.Ordinal))
        {
            var previous = context.History.Claims.FirstOrDefault(c => c.MdtrtId != context.Claim.MdtrtId && c.Lines.Any(l => l.Rxno == group.Key));
            if (previous is not null)
            {
                yield return Fire(context, group.Sum(l => l.Amount), group, ("rxno", group.Key), ("previous", previous.MdtrtId));
            }
        }
    }
}

/// <summary>
/// A claim dispensing a prescription on which the platform refused fraud or tampering (another
/// person's pass, a changed prescription, a second dispensing…): the refusals feed the review.
/// </summary>
public sealed class PrescriptionFraudRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MED006", "Prescription with fraud refused", RuleFamily.Medical, RuleStage.During | RuleStage.After, Scene.Pharmacy | Scene.Outpatient | Scene.Internet, Severity.Suspect, false,
        "Prescription {rxno} had {count} fraud or tamper refusal(s) before this dispensing: {codes}.");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        history.PrescriptionFraud.Count > 0 && AnyPrescription(claim);

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var group in context.Claim.Lines.Where(l => l.Rxno is not null).GroupBy(l => l.Rxno!, StringComparer.Ordinal))
        {
            var refusals = context.History.PrescriptionFraud.Where(f => f.HiRxno == group.Key).ToList();
            if (refusals.Count > 0)
            {
                yield return Fire(context, group.Sum(l => l.Amount), group, ("rxno", group.Key), ("count", refusals.Count),
                    ("codes", string.Join(", ", refusals.Select(f => $"{f.Code} by {f.Actor}"))));
            }
        }
    }
}
