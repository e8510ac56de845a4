using BenchmarkDotNet.Attributes;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Interchange;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;

namespace Yibao.Benchmarks;

/// <summary>
/// Engine throughput for a 10-line outpatient claim: classes A, B and C, price caps, an item not in
/// the catalogue, a deductible partly met, the cap and the personal account in play.
/// </summary>
[MemoryDiagnoser]
public class SettlementEngineBenchmarks
{
    private SettlementInput _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        var policy = PolicyJson.Read(Policy).Value;
        var catalogue = new Catalogue(CatalogueJson.ReadEntries(CatalogueEntries).Value);
        var person = new InsuredPerson("330100", "310", Retired: false, AccountBalance: 800m,
            new AccumulatorSet([KeyValuePair.Create(BenefitKind.Outpatient, new Accumulator(950m, 19_900m))]));
        FeeLine[] lines =
        [
            new("XC08CAA001A001", 1.85m, 28m, 51.80m),
            new("XA10BAA001A001", 0.42m, 60m, 25.20m),
            new("XC10AAA005A001", 3.60m, 28m, 100.80m),
            new("XA10AEI032B001", 78.50m, 2m, 157.00m),
            new("ZZ0001", 60.00m, 1m, 60.00m),
            new("110200001", 30.00m, 1m, 30.00m),
            new("250301001", 12.00m, 3m, 36.00m),
            new("C0310000001", 9.75m, 3m, 29.25m),
            new("121300001", 80.00m, 1m, 80.00m),
            new("NOTINCATALOGUE", 15.50m, 2m, 31.00m),
        ];
        _input = new SettlementInput(policy, catalogue, person, new SettlingInstitution("330100", 3, InstitutionKind.Physical),
            new Visit("11", Channel.Online, VisitKind.FollowUp, UseAccount: true, Filing.None), lines);
        if (!SettlementEngine.Settle(_input).IsSuccess)
        {
            throw new InvalidOperationException("the benchmark claim must settle");
        }
    }

    [Benchmark(Description = "settle a 10-line claim")]
    public SettlementResult Settle() => SettlementEngine.Settle(_input).Value;

    [Benchmark(Description = "phase 1: classify 10 lines")]
    public ClassifiedClaim Classify() => SettlementEngine.ClassifyClaim(_input.Catalogue, _input.Lines).Value;

    private ClassifiedClaim? _claim;

    [Benchmark(Description = "phase 2: adjudicate")]
    public SettlementResult Adjudicate() =>
        SettlementEngine.Adjudicate(_claim ??= SettlementEngine.ClassifyClaim(_input.Catalogue, _input.Lines).Value, _input.Policy, _input.Person, 3, BenefitKind.Outpatient, _input.Visit);

    [Benchmark(Description = "validate 10 lines")]
    public bool Validate()
    {
        var valid = true;
        for (var i = 0; i < _input.Lines.Count; i++)
        {
            valid &= _input.Lines[i].IsValid;
        }

        return valid;
    }

    private const string Policy = """
        {"area":"330100","insutype":"310","year":2026,"maxRatio":0.95,
         "benefits":{"outpatient":{"deductible":{"per":"year","amount":1000},"ratio":{"1":0.8,"2":0.7,"3":0.6},"retiredBonus":0.1,"cap":20000}},
         "crossRegion":{"reduction":{"longTerm":0,"temporaryFiled":0.1,"unfiled":0.2}}}
        """;

    private const string CatalogueEntries = """
        [{"code":"XC08CAA001A001","class":"A","selfpayProp":0},
         {"code":"XA10BAA001A001","class":"A","selfpayProp":0},
         {"code":"XC10AAA005A001","class":"B","selfpayProp":0.1,"priceCap":3.2},
         {"code":"XA10AEI032B001","class":"B","selfpayProp":0.2,"priceCap":70.0},
         {"code":"ZZ0001","class":"C","selfpayProp":1},
         {"code":"110200001","kind":"service","class":"A","selfpayProp":0,"priceCap":25.0},
         {"code":"250301001","kind":"service","class":"B","selfpayProp":0.05},
         {"code":"121300001","kind":"service","class":"B","selfpayProp":0.1},
         {"code":"C0310000001","kind":"material","class":"B","selfpayProp":0.3,"priceCap":8.0}]
        """;
}
