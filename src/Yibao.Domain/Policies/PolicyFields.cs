using System.Globalization;
using Yibao.Domain.Codes;

namespace Yibao.Domain.Policies;

/// <summary>One field of a policy, named for people, with its value as text.</summary>
public sealed record PolicyField(string Name, string Value);

/// <summary>A field that differs between two policies (or is the same, when listed side by side).</summary>
public sealed record PolicyFieldChange(string Name, string? Left, string? Right)
{
    public bool Changed => Left != Right;
}

/// <summary>A policy as a flat list of fields, every benefit kind included, so that two versions compare line by line.</summary>
public static class PolicyFields
{
    public static IReadOnlyList<PolicyField> Of(Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var fields = new List<PolicyField> { new("maxRatio", Number(policy.MaxRatio)) };
        foreach (var kind in BenefitKinds.All)
        {
            var name = kind.ToName();
            if (!policy.Covers(kind))
            {
                fields.Add(new($"{name}", "not covered"));
                continue;
            }

            var b = policy.BenefitFor(kind);
            fields.Add(new($"{name}.deductible.per", b.Deductible.Per.ToName()));
            AddLevels(fields, $"{name}.deductible.amount", b.Deductible.Amount);
            AddLevels(fields, $"{name}.ratio", b.Ratio);
            fields.Add(new($"{name}.retiredBonus", Number(b.RetiredBonus)));
            fields.Add(new($"{name}.cap", b.Cap is { } cap ? Number(cap) : "none"));
        }

        fields.Add(new("crossRegion.longTerm", Number(policy.CrossRegion.LongTerm)));
        fields.Add(new("crossRegion.temporaryFiled", Number(policy.CrossRegion.TemporaryFiled)));
        fields.Add(new("crossRegion.unfiled", Number(policy.CrossRegion.Unfiled)));
        return fields;
    }

    /// <summary>Both policies' fields side by side, in the order of the left one, then any the right one adds.</summary>
    public static IReadOnlyList<PolicyFieldChange> Compare(Policy left, Policy right)
    {
        var l = Of(left);
        var r = Of(right).ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
        var changes = new List<PolicyFieldChange>(l.Count);
        foreach (var f in l)
        {
            changes.Add(new(f.Name, f.Value, r.Remove(f.Name, out var value) ? value : null));
        }

        changes.AddRange(Of(right).Where(f => r.ContainsKey(f.Name)).Select(f => new PolicyFieldChange(f.Name, null, f.Value)));
        return changes;
    }

    private static void AddLevels(List<PolicyField> fields, string name, LevelTable table)
    {
        fields.Add(new($"{name}.1", Number(table.Level1)));
        fields.Add(new($"{name}.2", Number(table.Level2)));
        fields.Add(new($"{name}.3", Number(table.Level3)));
    }

    private static string Number(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
