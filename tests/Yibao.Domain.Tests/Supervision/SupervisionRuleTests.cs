using CsCheck;
using Yibao.Domain.Supervision;
using static Yibao.Domain.Tests.Supervision.SupervisionFixture;

namespace Yibao.Domain.Tests.Supervision;

/// <summary>The rules' quick test: the rule set skips a rule on its say-so, so it may never hide a finding.</summary>
public sealed class SupervisionRuleTests
{
    private static readonly string[] Codes = ["A", "B", "C", "D"];

    private static readonly Gen<string> CodeGen = Gen.OneOf(Codes);

    private static readonly Gen<SupervisedLine> LineGen = Gen.Select(
        CodeGen, Gen.Int[1, 5], Gen.Int[0, 40], Gen.OneOf<string?>(null, "RX1", "RX2"), Gen.OneOf<int?>(null, 3, 10),
        (code, qty, ago, rxno, days) => Line(code + qty, code, 10m, qty, Day.AddDays(-ago), days, rxno));

    private static readonly Gen<SupervisedClaim> ClaimGen = Gen.Select(
            LineGen.Array[1, 4], Gen.Bool, Gen.Bool, Gen.Bool, Gen.OneOf(Scene.Outpatient, Scene.Inpatient, Scene.Pharmacy, Scene.Internet | Scene.Outpatient),
            Gen.Int[0, 40], Gen.Enum<InsuredStatus>(), Gen.OneOf<string?>(null, "P1", "P2"), Gen.OneOf("MD1", "MD2", "MD3"),
            (lines, online, first, inpatient, scene, ago, status, proved, mdtrtId) => Claim(lines) with
            {
                MdtrtId = mdtrtId,
                Online = online,
                FirstVisit = first,
                Date = Day.AddDays(-ago),
                Admitted = inpatient ? Day.AddDays(-ago - 2) : null,
                Discharged = inpatient ? Day.AddDays(-ago) : null,
                Diagnoses = inpatient ? ["K35"] : ["I10"],
                Scene = scene,
                Status = status,
                ProvedPsnNo = proved,
            });

    private static readonly Gen<KnowledgeBase> KnowledgeGen = Gen.Select(
        CodeGen.Array[0, 2], CodeGen.Array[0, 2], CodeGen.Array[0, 2], CodeGen.Array[0, 2], CodeGen.Array[0, 2],
        (restricted, limited, grouped, priced, parts) => new KnowledgeBase
        {
            Restrictions = restricted.Distinct().ToDictionary(c => c, c => new ItemRestriction(c, Gender: "2", MinAge: 60, Indications: ["J45"], MinLevel: 3, Insutypes: ["390"], MaxCourseDays: 5, PayableOnline: false)),
            FrequencyLimits = limited.Distinct().ToDictionary(c => c, c => new FrequencyLimit(c, 2, 30)),
            TherapyGroups = grouped.Distinct().ToDictionary(c => c, _ => "G1"),
            DailyDoseLimits = priced.Distinct().ToDictionary(c => c, _ => 1m),
            GoverningPrices = priced.Distinct().ToDictionary(c => c, _ => 5m),
            Includes = parts.Length == 0 ? new Dictionary<string, IReadOnlyList<string>>() : new Dictionary<string, IReadOnlyList<string>> { ["A"] = parts.Distinct().ToList() },
            Contraindications = grouped.Length == 2 ? [(grouped[0], grouped[1])] : [],
            BedDayItems = new HashSet<string>(limited),
            InstitutionServices = priced.Length > 0 ? new Dictionary<string, IReadOnlySet<string>> { ["H1"] = new HashSet<string>(priced) } : new Dictionary<string, IReadOnlySet<string>>(),
        });

    [Fact]
    public void MayFire_FalseOnAClaim_TheRuleFindsNothingThere()
    {
        var fired = 0;
        var skipped = 0;
        Gen.Select(ClaimGen, ClaimGen.Array[0, 3], KnowledgeGen, Gen.Bool).Sample((claim, earlier, knowledge, fraud) =>
        {
            var history = new ClaimHistory(earlier) { PrescriptionFraud = fraud ? [new PrescriptionFraud("RX1", "RX_TAMPERED", "pharmacist", DateTimeOffset.UnixEpoch, null)] : [] };
            foreach (var rule in RuleSet.Default.ClaimRules)
            {
                var found = rule.Evaluate(new RuleContext(claim, history, knowledge, rule.Definition.Parameters)).Count();
                fired += found > 0 ? 1 : 0;
                if (!rule.MayFire(claim, history, knowledge))
                {
                    skipped++;
                    Assert.True(found == 0, $"{rule.Definition.Id} said it could not fire, and found {found}");
                }
            }
        }, iter: 2000);

        // The claims are varied enough for the property to bite: rules fire, and rules are skipped.
        Assert.True(fired > 0 && skipped > 0, $"fired {fired}, skipped {skipped}");
    }

    [Fact]
    public void MayFire_EveryRuleThatFires_SaysItMay()
    {
        var knowledge = Knows(new ItemRestriction("X", Gender: "2"));

        Assert.True(RuleSet.Default.ClaimRules.Single(r => r.Definition.Id == "POL001").MayFire(Claim(Line("1", "X")), ClaimHistory.None, knowledge));
        Assert.False(RuleSet.Default.ClaimRules.Single(r => r.Definition.Id == "POL001").MayFire(Claim(Line("1", "Y")), ClaimHistory.None, knowledge));
        Assert.Single(Run("POL001", Claim(Line("1", "X")), knowledge));
    }

    [Fact]
    public void Explain_ValuesAndParameters_FillEachPlaceholderValuesFirstAndLeaveUnknownOnes()
    {
        var text = SupervisionRule.Explain("{item}: {count} over {max} in {period} days; {other} {{count}",
            [("item", "X1 drug"), ("count", 12.5m), ("max", null)], new Dictionary<string, string> { ["max"] = "9", ["period"] = "30" });

        Assert.Equal("X1 drug: 12.5 over  in 30 days; {other} {12.5", text);
    }

    /// <summary>Against a replace per value and then per parameter (how explanations were made before stop 31), for values without braces.</summary>
    [Fact]
    public void Explain_AnyTemplate_AsReplacingEachValueThenEachParameter()
    {
        var piece = Gen.OneOf(Gen.OneOf("a", "b", "c", "d").Select(k => "{" + k + "}"), Gen.OneOf("{", "}", " ", "x", "{x", "a}", "{{"));
        var pairs = Gen.Select(Gen.OneOf("a", "b", "c", "d"), Gen.Int[0, 99].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Array[0, 4];
        Gen.Select(piece.Array[0, 8], pairs, pairs).Sample((pieces, given, set) =>
        {
            var template = string.Concat(pieces);
            var values = given.DistinctBy(v => v.Item1).Select(v => (v.Item1, (object?)v.Item2)).ToArray();
            var parameters = set.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => "p" + p.Item2);
            var expected = template;
            foreach (var (key, value) in values)
            {
                expected = expected.Replace("{" + key + "}", (string)value!, StringComparison.Ordinal);
            }

            foreach (var (key, value) in parameters)
            {
                expected = expected.Replace("{" + key + "}", value, StringComparison.Ordinal);
            }

            Assert.Equal(expected, SupervisionRule.Explain(template, values, parameters));
        });
    }
}
