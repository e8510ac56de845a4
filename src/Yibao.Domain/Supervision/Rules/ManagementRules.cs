using System.Globalization;

namespace Yibao.Domain.Supervision.Rules;

/// <summary>超标准收费: a line priced above the item's governing price; the excess is at stake.</summary>
public sealed class OverPriceRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MGT001", "Price above the governing price", RuleFamily.Management, RuleStage.During | RuleStage.After, Scene.Any, Severity.Violation, false,
        "{item} is billed at {price}, above its governing price {cap}.");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        AnyLineIn(claim, knowledge.GoverningPrices);

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var line in context.Claim.Lines)
        {
            if (context.Knowledge.GoverningPrices.TryGetValue(line.Code, out var cap) && line.Price > cap)
            {
                yield return Fire(context, (line.Price - cap) * line.Qty, [line], ("item", $"{line.Code} {line.Name}"), ("price", line.Price), ("cap", cap));
            }
        }
    }
}

/// <summary>重复收费: an item billed on the same day as an item that includes it; the included item is charged twice.</summary>
public sealed class IncludedItemRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MGT002", "Item billed with an item that includes it", RuleFamily.Management, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Violation, false,
        "{part} is billed on {date} with {whole}, which includes it.");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        AnyLineIn(claim, knowledge.Includes);

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lines = context.Claim.Lines;
        foreach (var whole in lines)
        {
            if (!context.Knowledge.Includes.TryGetValue(whole.Code, out var parts))
            {
                continue;
            }

            foreach (var part in lines.Where(l => l.Date == whole.Date && parts.Contains(l.Code)))
            {
                yield return Fire(context, part.Amount, [whole, part], ("part", $"{part.Code} {part.Name}"), ("whole", $"{whole.Code} {whole.Name}"), ("date", part.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
        }
    }
}

/// <summary>分解收费: the parts of a package billed separately on one day, at least as many as the parameter says, instead of the package.</summary>
public sealed class SplitChargeRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MGT003", "Split charges", RuleFamily.Management, RuleStage.During | RuleStage.After, Scene.Any, Severity.Suspect, false,
        "{count} parts of {whole} are billed separately on {date} without it: a package split into its parts.",
        ("minParts", "2"));

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        AnyLineIn(claim, knowledge.IncludedParts);

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Only the packages with enough parts to be split into, some of them billed (loops, and no
        // iterator until one is found: after the event a claim with a part but no package to split
        // passes here, and most find none).
        var minParts = context.Int("minParts");
        var includes = context.Knowledge.IncludesInOrder;
        List<KeyValuePair<string, IReadOnlyList<string>>>? packages = null;
        for (var i = 0; i < includes.Count; i++)
        {
            if (includes[i].Value.Count >= minParts && AnyLineOf(context.Claim, includes[i].Value))
            {
                (packages ??= []).Add(includes[i]);
            }
        }

        return packages is null ? [] : Split(context, packages, minParts);
    }

    private IEnumerable<Finding> Split(RuleContext context, List<KeyValuePair<string, IReadOnlyList<string>>> packages, int minParts)
    {
        foreach (var day in context.Claim.Lines.GroupBy(l => l.Date))
        {
            var codes = day.Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
            foreach (var (whole, parts) in packages)
            {
                var billed = day.Where(l => parts.Contains(l.Code)).ToList();
                if (!codes.Contains(whole) && billed.Select(l => l.Code).Distinct(StringComparer.Ordinal).Count() >= minParts)
                {
                    yield return Fire(context, billed.Sum(l => l.Amount), billed, ("count", billed.Count), ("whole", whole), ("date", day.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                }
            }
        }
    }

    private static bool AnyLineOf(SupervisedClaim claim, IReadOnlyList<string> parts)
    {
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            for (var j = 0; j < parts.Count; j++)
            {
                if (claim.Lines[i].Code == parts[j])
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>串换项目: an item billed by an institution that declared it is not equipped to give it (so another was given under its code).</summary>
public sealed class SwitchedItemRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MGT004", "Switched item", RuleFamily.Management, RuleStage.After, Scene.Any, Severity.Suspect, false,
        "{item} is billed by {institution}, which has not declared it can give it: another item may be billed under its code.");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        knowledge.InstitutionServices.ContainsKey(claim.FixmedinsCode);

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Knowledge.InstitutionServices.TryGetValue(context.Claim.FixmedinsCode, out var declared))
        {
            yield break;
        }

        foreach (var line in context.Claim.Lines.Where(l => !declared.Contains(l.Code)))
        {
            yield return Fire(context, line.Amount, [line], ("item", $"{line.Code} {line.Name}"), ("institution", context.Claim.FixmedinsCode));
        }
    }
}

/// <summary>分解住院: an admission within so many days of a discharge for the same diagnosis.</summary>
public sealed class SplitAdmissionRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MGT005", "Split admission", RuleFamily.Management, RuleStage.Before | RuleStage.After, Scene.Inpatient, Severity.Suspect, false,
        "Admission {mdtrtId} on {admitted} follows discharge {previous} on {discharged} for the same diagnosis {diagnosis}, within {windowDays} days.",
        ("windowDays", "15"));

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        claim.Admitted is not null && history.Claims.Count > 0;

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claim = context.Claim;
        if (claim.Admitted is not { } admitted)
        {
            yield break;
        }

        var window = context.Int("windowDays");
        var previous = context.History.Claims
            .Where(c => c.Discharged is { } d && d <= admitted && admitted.DayNumber - d.DayNumber <= window && c.Diagnoses.Intersect(claim.Diagnoses, StringComparer.OrdinalIgnoreCase).Any())
            .OrderByDescending(c => c.Discharged)
            .FirstOrDefault();
        if (previous is not null)
        {
            yield return Fire(context, claim.Lines.Sum(l => l.Amount), claim.Lines,
                ("mdtrtId", claim.MdtrtId), ("admitted", admitted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("previous", previous.MdtrtId),
                ("discharged", previous.Discharged!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("diagnosis", claim.Diagnoses.Intersect(previous.Diagnoses, StringComparer.OrdinalIgnoreCase).First()));
        }
    }
}

/// <summary>Bed-days billed beyond the length of stay (discharge less admission, at least one day).</summary>
public sealed class BedDaysRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MGT006", "Bed-days beyond the length of stay", RuleFamily.Management, RuleStage.During | RuleStage.After, Scene.Inpatient, Severity.Violation, false,
        "{count} bed-days are billed for a stay of {stay} days.");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        claim.Admitted is not null && AnyLineIn(claim, knowledge.BedDayItems);

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claim = context.Claim;
        if (claim.Admitted is not { } admitted)
        {
            yield break;
        }

        var stay = Math.Max(1, (claim.Discharged ?? claim.Date).DayNumber - admitted.DayNumber);
        var beds = claim.Lines.Where(l => context.Knowledge.BedDayItems.Contains(l.Code)).ToList();
        var count = beds.Sum(l => l.Qty);
        if (beds.Count > 0 && count > stay)
        {
            var unitPrice = beds.Sum(l => l.Amount) / count;
            yield return Fire(context, (count - stay) * unitPrice, beds, ("count", count), ("stay", stay));
        }
    }
}

/// <summary>A claim for a patient whose insurance is suspended or ended, or who has died.</summary>
public sealed class InsuredStatusRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MGT007", "Suspended, ended or deceased insured", RuleFamily.Management, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Violation, true,
        "Patient {psnNo} is {status}: nothing is payable.");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        claim.Status != InsuredStatus.Active;

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Claim.Status != InsuredStatus.Active)
        {
            yield return Fire(context, context.Claim.Lines.Sum(l => l.Amount), context.Claim.Lines, ("psnNo", context.Claim.PsnNo), ("status", context.Claim.Status.ToString().ToLowerInvariant()));
        }
    }
}

/// <summary>The person whose certificate was shown is not the patient.</summary>
public sealed class IdentityMismatchRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("MGT008", "Identity mismatch", RuleFamily.Management, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Violation, true,
        "The certificate shown is {proved}'s, the claim is {psnNo}'s.");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        claim.ProvedPsnNo is { } proved && proved != claim.PsnNo;

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Claim.ProvedPsnNo is { } proved && proved != context.Claim.PsnNo)
        {
            yield return Fire(context, context.Claim.Lines.Sum(l => l.Amount), context.Claim.Lines, ("proved", proved), ("psnNo", context.Claim.PsnNo));
        }
    }
}
