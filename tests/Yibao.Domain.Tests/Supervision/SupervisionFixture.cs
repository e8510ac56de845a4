using Yibao.Domain.Supervision;

namespace Yibao.Domain.Tests.Supervision;

/// <summary>Claims, lines and knowledge for the rule tests: one 56-year-old man's outpatient claim unless told.</summary>
internal static class SupervisionFixture
{
    public static readonly DateOnly Day = new(2026, 10, 15);

    public static SupervisedLine Line(string id, string code, decimal price = 10m, decimal qty = 1m, DateOnly? date = null, int? days = null, string? rxno = null) =>
        new(id, code, "item " + code, price, qty, Money.Round(price * qty), date ?? Day, "D001", rxno, days);

    public static SupervisedClaim Claim(params SupervisedLine[] lines) => new()
    {
        MdtrtId = "MD1",
        PsnNo = "P1",
        Gender = "1",
        Birthday = new DateOnly(1970, 3, 14),
        Insutype = "310",
        FixmedinsCode = "H1",
        Level = 3,
        Scene = Scene.Outpatient,
        MedType = "11",
        Date = Day,
        Diagnoses = ["I10"],
        Lines = lines,
    };

    public static ClaimHistory History(params SupervisedClaim[] claims) => new(claims);

    public static KnowledgeBase Knows(params ItemRestriction[] restrictions) =>
        new() { Restrictions = restrictions.ToDictionary(r => r.Code, StringComparer.Ordinal) };

    /// <summary>The ids of the rule's findings and their amounts, with the rule run alone.</summary>
    public static IReadOnlyList<Finding> Run(string ruleId, SupervisedClaim claim, KnowledgeBase? knowledge = null, ClaimHistory? history = null, RuleStage stage = RuleStage.After) =>
        RuleSet.Default.Evaluate(stage, claim, history ?? ClaimHistory.None, knowledge ?? KnowledgeBase.Empty, only: [ruleId]);
}
