namespace Yibao.Domain.Supervision.Rules;

/// <summary>A rule over each line whose item carries a restriction: the line fires when the restriction says the claim may not have it.</summary>
public abstract class RestrictionRule : SupervisionRule
{
    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        AnyLineIn(claim, knowledge.Restrictions);

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var line in context.Claim.Lines)
        {
            if (context.Knowledge.Restriction(line.Code) is { } restriction && Breaks(context, restriction, line) is { } why)
            {
                yield return Fire(context, line.Amount, [line], ("item", $"{line.Code} {line.Name}"), ("why", why));
            }
        }
    }

    /// <summary>Why the line breaks the restriction, or null when it does not.</summary>
    protected abstract string? Breaks(RuleContext context, ItemRestriction restriction, SupervisedLine line);
}

/// <summary>限性别: an item restricted to one sex, for a patient of the other.</summary>
public sealed class SexRestrictionRule : RestrictionRule
{
    public override RuleDefinition Definition { get; } = Define("POL001", "Restricted to one sex", RuleFamily.Policy, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Violation, true,
        "{item} is payable for one sex only: {why}.");

    protected override string? Breaks(RuleContext context, ItemRestriction restriction, SupervisedLine line) =>
        restriction.Gender is { } gender && gender != context.Claim.Gender ? $"restricted to gender {gender}, the patient's is {context.Claim.Gender}" : null;
}

/// <summary>限年龄/儿童: an item restricted to an age range (children's medicines), outside it.</summary>
public sealed class AgeRestrictionRule : RestrictionRule
{
    public override RuleDefinition Definition { get; } = Define("POL002", "Restricted to an age range", RuleFamily.Policy, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Violation, true,
        "{item} is payable within an age range only: {why}.");

    protected override string? Breaks(RuleContext context, ItemRestriction restriction, SupervisedLine line)
    {
        var age = context.Claim.AgeOn(line.Date);
        return (restriction.MinAge is { } min && age < min) || (restriction.MaxAge is { } max && age > max)
            ? $"ages {restriction.MinAge?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0"}–{restriction.MaxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any"}, the patient is {age}"
            : null;
    }
}

/// <summary>限适应症: an item restricted to indications, with no diagnosis of the claim among them.</summary>
public sealed class IndicationRestrictionRule : RestrictionRule
{
    public override RuleDefinition Definition { get; } = Define("POL003", "Restricted to indications", RuleFamily.Policy, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Suspect, false,
        "{item} is payable for its indications only: {why}.");

    protected override string? Breaks(RuleContext context, ItemRestriction restriction, SupervisedLine line) =>
        restriction.Indications is { Count: > 0 } indications
        && !context.Claim.Diagnoses.Concat(context.Claim.ChronicDiseases).Any(d => indications.Any(i => d.StartsWith(i, StringComparison.OrdinalIgnoreCase)))
            ? $"indications {string.Join(", ", indications)}, the claim's diagnoses are {(context.Claim.Diagnoses.Count == 0 ? "none" : string.Join(", ", context.Claim.Diagnoses))}"
            : null;
}

/// <summary>限医院等级: an item payable from a hospital level up, billed below it.</summary>
public sealed class LevelRestrictionRule : RestrictionRule
{
    public override RuleDefinition Definition { get; } = Define("POL004", "Restricted to a hospital level", RuleFamily.Policy, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Violation, true,
        "{item} is payable at a higher level of hospital: {why}.");

    protected override string? Breaks(RuleContext context, ItemRestriction restriction, SupervisedLine line) =>
        restriction.MinLevel is { } min && context.Claim.Level < min ? $"level {min} or above, billed at level {context.Claim.Level}" : null;
}

/// <summary>限参保类型: an item payable under some insurance types, for a patient under another.</summary>
public sealed class InsutypeRestrictionRule : RestrictionRule
{
    public override RuleDefinition Definition { get; } = Define("POL005", "Restricted to insurance types", RuleFamily.Policy, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Violation, true,
        "{item} is payable under some insurance types only: {why}.");

    protected override string? Breaks(RuleContext context, ItemRestriction restriction, SupervisedLine line) =>
        restriction.Insutypes is { Count: > 0 } types && !types.Contains(context.Claim.Insutype)
            ? $"insurance types {string.Join(", ", types)}, the patient's is {context.Claim.Insutype}"
            : null;
}

/// <summary>限定支付疗程: an item payable for a course of so many days, used longer (this claim's days with the history's in the window).</summary>
public sealed class CourseRestrictionRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("POL006", "Restricted treatment duration", RuleFamily.Policy, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Any, Severity.Suspect, false,
        "{item} is payable for {max} days of treatment; with the last {windowDays} days' claims it comes to {days} days.",
        ("windowDays", "365"));

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        AnyLineIn(claim, knowledge.Restrictions);

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var since = context.Claim.Date.AddDays(-context.Int("windowDays"));
        foreach (var line in context.Claim.Lines)
        {
            if (context.Knowledge.Restriction(line.Code) is not { MaxCourseDays: { } max })
            {
                continue;
            }

            var earlier = context.History.Claims.Where(c => c.Date >= since).SelectMany(c => c.Lines).Where(l => l.Code == line.Code).Sum(DaysOf);
            var days = earlier + DaysOf(line);
            if (days > max)
            {
                yield return Fire(context, line.Amount, [line], ("item", $"{line.Code} {line.Name}"), ("max", max), ("days", days));
            }
        }
    }

    private static int DaysOf(SupervisedLine line) => line.Days ?? 1;
}

/// <summary>An internet hospital's claim for an item outside its online payment scope.</summary>
public sealed class OnlineScopeRule : RestrictionRule
{
    public override RuleDefinition Definition { get; } = Define("POL007", "Outside the internet hospital's payment scope", RuleFamily.Policy, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Internet, Severity.Violation, true,
        "{item} is not payable in online care: {why}.");

    protected override string? Breaks(RuleContext context, ItemRestriction restriction, SupervisedLine line) =>
        context.Claim.Online && !restriction.PayableOnline ? "it is outside the internet hospital's payment scope" : null;
}

/// <summary>Online care for a first visit: online care is follow-up care.</summary>
public sealed class OnlineFirstVisitRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("POL008", "Online first visit", RuleFamily.Policy, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Internet, Severity.Violation, true,
        "Visit {mdtrtId} is an online first visit: internet care is limited to follow-up visits.");

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        claim is { Online: true, FirstVisit: true };

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Claim is { Online: true, FirstVisit: true })
        {
            yield return Fire(context, context.Claim.Lines.Sum(l => l.Amount), context.Claim.Lines, ("mdtrtId", context.Claim.MdtrtId));
        }
    }
}

/// <summary>An online visit with no earlier offline diagnosis of its disease in the window, and no chronic registration for it.</summary>
public sealed class OnlineWithoutDiagnosisRule : SupervisionRule
{
    public override RuleDefinition Definition { get; } = Define("POL009", "Online visit without an offline diagnosis", RuleFamily.Policy, RuleStage.Before | RuleStage.During | RuleStage.After, Scene.Internet, Severity.Suspect, false,
        "Online visit {mdtrtId} treats {diagnosis}, which no offline visit in the last {windowMonths} months diagnosed and no chronic registration covers.",
        ("windowMonths", "6"));

    protected override bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) =>
        claim is { Online: true, Diagnoses.Count: > 0 };

    public override IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claim = context.Claim;
        if (!claim.Online || claim.Diagnoses.Count == 0)
        {
            yield break;
        }

        var since = claim.Date.AddMonths(-context.Int("windowMonths"));
        var offline = context.History.Claims.Where(c => !c.Online && c.Date >= since && c.Date <= claim.Date).SelectMany(c => c.Diagnoses);
        var known = offline.Concat(claim.ChronicDiseases).Select(Category).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = claim.Diagnoses.FirstOrDefault(d => !known.Contains(Category(d)));
        if (unknown is not null)
        {
            yield return Fire(context, claim.Lines.Sum(l => l.Amount), claim.Lines, ("mdtrtId", claim.MdtrtId), ("diagnosis", unknown));
        }
    }

    /// <summary>An ICD-10 category: the letter and two digits (I10.x → I10).</summary>
    private static string Category(string code) => code.Length > 3 ? code[..3] : code;
}
