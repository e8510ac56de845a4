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

    /// <summary>
    /// Whether the rule could fire on the claim at all: a quick test that allocates nothing, so that
    /// the rule set skips most rules on most claims (after the event a month is a million claims, and
    /// most of their lines are items the knowledge says nothing about). It is never false where
    /// <see cref="Evaluate"/> would find something.
    /// </summary>
    public bool MayFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(knowledge);
        return CouldFire(claim, history, knowledge);
    }

    /// <summary>The rule's own quick test behind <see cref="MayFire"/> (its arguments are not null): true unless the rule says otherwise.</summary>
    protected virtual bool CouldFire(SupervisedClaim claim, ClaimHistory history, KnowledgeBase knowledge) => true;

    /// <summary>Whether a line of the claim is an item <paramref name="items"/> holds.</summary>
    protected static bool AnyLineIn<T>(SupervisedClaim claim, IReadOnlyDictionary<string, T> items)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < claim.Lines.Count; i++)
        {
            if (items.ContainsKey(claim.Lines[i].Code))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc cref="AnyLineIn{T}(SupervisedClaim, IReadOnlyDictionary{string, T})"/>
    protected static bool AnyLineIn(SupervisedClaim claim, IReadOnlySet<string> items)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < claim.Lines.Count; i++)
        {
            if (items.Contains(claim.Lines[i].Code))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a line of the claim dispenses a circulated prescription.</summary>
    protected static bool AnyPrescription(SupervisedClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            if (claim.Lines[i].Rxno is not null)
            {
                return true;
            }
        }

        return false;
    }

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
            [.. evidence.Select(l => l.EvidenceId)],
            context.Parameters);
    }

    /// <summary>
    /// The explanation: each <c>{key}</c> of the template given its value, or else the parameter of that
    /// name; a placeholder neither names is left as it is. One pass, not one <c>Replace</c> (and one new
    /// string) per value: a month's batch explains a hundred thousand findings.
    /// </summary>
    public static string Explain(string template, IEnumerable<(string Key, object? Value)> values, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(parameters);
        var given = values as (string Key, object? Value)[] ?? [.. values];
        var text = new System.Text.StringBuilder(template.Length + 64);
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0)
            {
                text.Append(template, at, template.Length - at);
                break;
            }

            // The innermost brace before the close: "{{x}" is a brace and then the placeholder {x}.
            open = template.LastIndexOf('{', close - 1, close - open);
            text.Append(template, at, open - at);
            if (ValueOf(template.AsSpan(open + 1, close - open - 1), given, parameters) is { } value)
            {
                text.Append(value);
            }
            else
            {
                text.Append(template, open, close - open + 1);
            }

            at = close + 1;
        }

        return text.ToString();
    }

    private static string? ValueOf(ReadOnlySpan<char> key, (string Key, object? Value)[] values, IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var (name, value) in values)
        {
            if (key.SequenceEqual(name))
            {
                return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            }
        }

        foreach (var (name, value) in parameters)
        {
            if (key.SequenceEqual(name))
            {
                return value;
            }
        }

        return null;
    }

    protected static RuleDefinition Define(string id, string name, RuleFamily family, RuleStage stages, Scene scenes, Severity severity, bool blocking, string explanation, params (string Key, string Value)[] parameters) =>
        new(id, name, family, stages, scenes, severity, blocking, parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), explanation);
}
