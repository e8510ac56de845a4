using BenchmarkDotNet.Attributes;
using Yibao.Domain.Supervision;

namespace Yibao.Benchmarks;

/// <summary>
/// The rule base alone, after the event: a three-line outpatient claim with nine earlier claims of
/// the same patient in its window, against the knowledge of <c>bench/supervision/supervise.sh</c>
/// (a sex restriction, a frequency limit, an includes relation). What one claim costs to judge,
/// without reading or writing.
/// </summary>
[MemoryDiagnoser]
public class RuleSetBenchmarks
{
    private static readonly DateOnly Day = new(2026, 10, 20);
    private SupervisedClaim _claim = null!;
    private ClaimHistory _history = null!;
    private KnowledgeBase _knowledge = null!;
    private IReadOnlyCollection<string> _enabled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _knowledge = SupervisionJson.Read(
            """{"restrictions": [{"code": "RARE0001", "gender": "2"}], "frequencyLimits": [{"code": "XC10AAA005A001", "maxCount": 95, "periodDays": 30}], "includes": {"PKG00001": ["XC08CAA001A001"]}}""",
            RuleSet.Default).Value.Knowledge;
        _enabled = RuleSet.Default.Definitions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        SupervisedClaim Claim(string mdtrtId, DateOnly date) => new()
        {
            MdtrtId = mdtrtId, PsnNo = "S1", Gender = "1", Birthday = new DateOnly(1970, 1, 1), Insutype = "310", InsuredArea = "330100", FixmedinsCode = "H33010000001",
            Level = 3, Scene = Scene.Outpatient, MedType = "11", Date = date, Diagnoses = [],
            Lines =
            [
                new($"{mdtrtId}/1", "XC08CAA001A001", "item", 2.5m, 10m, 25m, date),
                new($"{mdtrtId}/2", "XC10AAA005A001", "item", 2.5m, 10m, 25m, date),
                new($"{mdtrtId}/3", "110200001", "item", 2.5m, 10m, 25m, date),
            ],
        };
        _history = new ClaimHistory([.. Enumerable.Range(1, 9).Select(i => Claim($"SV{i}", Day.AddDays(-3 * i)))]);
        _claim = Claim("SV0", Day);
    }

    [Benchmark]
    public int EvaluateAfter() => RuleSet.Default.Evaluate(RuleStage.After, _claim, _history, _knowledge, only: _enabled).Count;
}
