using Yibao.Domain.Codes;
using Yibao.Domain.Interchange;
using Yibao.Domain.Policies;

namespace Yibao.Server.Features.Console;

/// <summary>
/// A policy as the draft editor's fields. It only carries what the officer typed: the document it
/// makes is validated by the draft use case exactly as a loaded policy is.
/// </summary>
internal sealed class PolicyForm
{
    public decimal MaxRatio { get; set; }

    public List<BenefitForm> Benefits { get; set; } = [];

    public decimal LongTerm { get; set; }

    public decimal TemporaryFiled { get; set; }

    public decimal Unfiled { get; set; }

    public static PolicyForm Of(Policy policy) => new()
    {
        MaxRatio = policy.MaxRatio,
        Benefits = [.. BenefitKinds.All.Select(k => BenefitForm.Of(k, policy))],
        LongTerm = policy.CrossRegion.LongTerm,
        TemporaryFiled = policy.CrossRegion.TemporaryFiled,
        Unfiled = policy.CrossRegion.Unfiled,
    };

    /// <summary>The policy document for <paramref name="area"/>, <paramref name="insutype"/> and <paramref name="year"/>, ranges unchecked (the use case checks them).</summary>
    public string Document(string area, string insutype, int year)
    {
        var benefits = new Dictionary<BenefitKind, Benefit>();
        foreach (var b in Benefits.Where(b => b.Covered))
        {
            if (BenefitKinds.TryParse(b.Kind, out var kind))
            {
                benefits[kind] = b.ToBenefit();
            }
        }

        return PolicyJson.Write(new Policy(area, insutype, year, MaxRatio, benefits, new CrossRegionReduction(LongTerm, TemporaryFiled, Unfiled)));
    }
}

internal sealed class BenefitForm
{
    public string Kind { get; set; } = "";

    public bool Covered { get; set; }

    public string Per { get; set; } = "year";

    public decimal Deductible1 { get; set; }

    public decimal Deductible2 { get; set; }

    public decimal Deductible3 { get; set; }

    public decimal Ratio1 { get; set; }

    public decimal Ratio2 { get; set; }

    public decimal Ratio3 { get; set; }

    public decimal RetiredBonus { get; set; }

    /// <summary>Empty: no annual cap.</summary>
    public decimal? Cap { get; set; }

    public static BenefitForm Of(BenefitKind kind, Policy policy)
    {
        var b = policy.BenefitFor(kind);
        return new()
        {
            Kind = kind.ToName(),
            Covered = policy.Covers(kind),
            Per = b.Deductible.Per.ToName(),
            Deductible1 = b.Deductible.Amount.Level1,
            Deductible2 = b.Deductible.Amount.Level2,
            Deductible3 = b.Deductible.Amount.Level3,
            Ratio1 = b.Ratio.Level1,
            Ratio2 = b.Ratio.Level2,
            Ratio3 = b.Ratio.Level3,
            RetiredBonus = b.RetiredBonus,
            Cap = b.Cap,
        };
    }

    public Benefit ToBenefit() => new(
        new Deductible(CodeNames.TryParseDeductiblePer(Per, out var per) ? per : DeductiblePer.Year, Table(Deductible1, Deductible2, Deductible3)),
        Table(Ratio1, Ratio2, Ratio3),
        RetiredBonus,
        Cap);

    // One number for every level is written as one number, as the officer would write the document.
    private static LevelTable Table(decimal level1, decimal level2, decimal level3) =>
        level1 == level2 && level2 == level3 ? LevelTable.Uniform(level1) : new LevelTable(level1, level2, level3);
}
