using System.Globalization;

namespace Yibao.Domain.Supervision;

/// <summary>What a claim rule reads: the claim, the patient's history, the knowledge base, and its parameters in force.</summary>
public sealed class RuleContext(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge, IReadOnlyDictionary<string, string> parameters)
{
    public SupervisedClaim Claim => claim;

    public ClaimHistory History => history;

    public KnowledgeBase Knowledge => knowledge;

    public IReadOnlyDictionary<string, string> Parameters => parameters;

    public int Int(string name) => int.Parse(parameters[name], CultureInfo.InvariantCulture);

    public decimal Decimal(string name) => decimal.Parse(parameters[name], CultureInfo.InvariantCulture);
}

/// <summary>
/// One rule of the rule base: a pure function of a claim, its history and the knowledge. Each rule
/// says what it is (<see cref="Definition"/>) and explains each finding with its template, the
/// parameters in force and the evidence lines.
/// </summary>
public abstract class SupervisionRule
{
    public abstract RuleDefinition Definition { get; }

    /// <summary>The rule's findings on the claim (none when it does not fire).</summary>
    public abstract IEnumerable<Finding> Evaluate(RuleContext context);

    /// <summary>A finding of this rule: <paramref name="values"/> fill the explanation's <c>{placeholders}</c>.</summary>
    protected Finding Fire(RuleContext context, decimal amount, IEnumerable<SupervisedLine> evidence, params (string Key, object? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Finding(
            Definition.Id,
            Definition.Name,
            Definition.Severity,
            Definition.Blocking,
            context.Claim.MdtrtId,
            context.Claim.PsnNo,
            Explain(Definition.Explanation, values, context.Parameters),
            Money.Round(amount),
            [.. evidence.Select(l => l.Id)],
            context.Parameters);
    }

    public static string Explain(string template, IEnumerable<(string Key, object? Value)> values, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        var text = template;
        foreach (var (key, value) in values)
        {
            text = text.Replace("{" + key + "}", Convert.ToString(value, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        foreach (var (key, value) in parameters)
        {
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    protected static RuleDefinition Define(string id, string name, RuleFamily family, RuleStage stages, Scene scenes, Severity severity, bool blocking, string explanation, params (string Key, string Value)[] parameters) =>
        new(id, name, family, stages, scenes, severity, blocking, parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), explanation);
}
