using Yibao.Domain.Supervision.Rules;

namespace Yibao.Domain.Supervision;

/// <summary>
/// The rule base: every claim rule and statistical rule, by id. Evaluating runs the rules of a stage
/// that apply to the claim's scene (optionally only some, by id), each with its parameters in force:
/// its defaults overridden by the agency's settings.
/// </summary>
public sealed class RuleSet
{
    public static RuleSet Default { get; } = new(
        [
            new SexRestrictionRule(), new AgeRestrictionRule(), new IndicationRestrictionRule(), new LevelRestrictionRule(), new InsutypeRestrictionRule(),
            new CourseRestrictionRule(), new OnlineScopeRule(), new OnlineFirstVisitRule(), new OnlineWithoutDiagnosisRule(),
            new OverPriceRule(), new IncludedItemRule(), new SplitChargeRule(), new SwitchedItemRule(), new SplitAdmissionRule(), new BedDaysRule(),
            new InsuredStatusRule(), new IdentityMismatchRule(),
            new OverQuantityRule(), new OverFrequencyRule(), new DuplicateTherapyRule(), new ContraindicationRule(), new PrescriptionReusedRule(), new PrescriptionFraudRule(),
        ],
        [new CostPerVisitOutlierRule(), new VisitsPerPersonOutlierRule(), new ItemShareOutlierRule()]);

    public RuleSet(IReadOnlyList<SupervisionRule> claimRules, IReadOnlyList<PeerRule> peerRules)
    {
        ClaimRules = claimRules;
        PeerRules = peerRules;
        Definitions = claimRules.Select(r => r.Definition).Concat(peerRules.Select(r => r.Definition)).ToList();
        if (Definitions.GroupBy(d => d.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"rule id {twice.Key} is used twice");
        }
    }

    public IReadOnlyList<SupervisionRule> ClaimRules { get; }

    public IReadOnlyList<PeerRule> PeerRules { get; }

    public IReadOnlyList<RuleDefinition> Definitions { get; }

    /// <summary>The findings of the stage's rules on the claim.</summary>
    /// <param name="settings">Parameter values by rule id that replace the defaults.</param>
    /// <param name="only">Rule ids to run (<c>rule_ids[]</c>); all when null or empty.</param>
    public IReadOnlyList<Finding> Evaluate(
        RuleStage stage,
        SupervisedClaim claim,
        ClaimHistory history,
        KnowledgeBase knowledge,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? settings = null,
        IReadOnlyCollection<string>? only = null) =>
        Evaluate(Select(stage, only), claim, history, knowledge, settings);

    /// <summary>
    /// The claim rules of the stage (only those of <paramref name="only"/>, when given): chosen once
    /// where many claims are judged alike, as a month is after the event, rather than asked of each claim.
    /// </summary>
    public IReadOnlyList<SupervisionRule> Select(RuleStage stage, IReadOnlyCollection<string>? only = null) =>
        [.. ClaimRules.Where(r => (r.Definition.Stages & stage) != 0 && (only is not { Count: > 0 } || only.Contains(r.Definition.Id)))];

    /// <summary>The findings on the claim of the rules that apply to its scene, among <paramref name="rules"/> (<see cref="Select"/>).</summary>
    /// <param name="settings">Parameter values by rule id that replace the defaults.</param>
    public static IReadOnlyList<Finding> Evaluate(
        IReadOnlyList<SupervisionRule> rules,
        SupervisedClaim claim,
        ClaimHistory history,
        KnowledgeBase knowledge,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(knowledge);
        List<Finding>? findings = null;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if ((rule.Definition.Scenes & claim.Scene) == 0 || !rule.MayFire(claim, history, knowledge))
            {
                continue;
            }

            // A list only when a rule fires: most claims pass a rule that may fire and does not.
            foreach (var finding in rule.Evaluate(new RuleContext(claim, history, knowledge, InForce(rule.Definition, settings))))
            {
                (findings ??= []).Add(finding);
            }
        }

        return findings ?? (IReadOnlyList<Finding>)[];
    }

    /// <summary>The statistical rules' findings over a period's totals.</summary>
    public IReadOnlyList<Finding> EvaluatePeers(IReadOnlyList<PeerTotals> totals, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? settings = null, IReadOnlyCollection<string>? only = null) =>
        [.. PeerRules.Where(r => only is not { Count: > 0 } || only.Contains(r.Definition.Id)).SelectMany(r => r.Evaluate(totals, InForce(r.Definition, settings)))];

    /// <summary>A rule's parameters in force: its defaults, with the settings' values over them.</summary>
    public static IReadOnlyDictionary<string, string> InForce(RuleDefinition definition, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? settings)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (settings?.GetValueOrDefault(definition.Id) is not { Count: > 0 } overrides)
        {
            return definition.Parameters;
        }

        // A loop, not a lambda over the merged values: the lambda's closure was made on every call,
        // overrides or not, and a month's batch calls this for each rule that may fire on each claim.
        var merged = new Dictionary<string, string>(definition.Parameters, StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            if (merged.ContainsKey(key))
            {
                merged[key] = value;
            }
        }

        return merged;
    }
}
