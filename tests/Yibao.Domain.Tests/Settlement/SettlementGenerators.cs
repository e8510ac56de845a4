using CsCheck;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Institutions;
using Yibao.Domain.Persons;
using Yibao.Domain.Policies;
using Yibao.Domain.Settlement;

namespace Yibao.Domain.Tests.Settlement;

/// <summary>Random but well-formed settlement inputs, covering every branch of the arithmetic.</summary>
internal static class SettlementGenerators
{
    private const int CatalogueSize = 10;

    public static Gen<T?> OrNull<T>(Gen<T> gen) where T : class => Gen.Select(Gen.Bool, gen, (present, value) => present ? value : null);

    public static Gen<T?> OrNullValue<T>(Gen<T> gen) where T : struct => Gen.Select(Gen.Bool, gen, (present, value) => present ? value : (T?)null);

    public static Gen<decimal> Cents(int maxCents) => Gen.Int[0, maxCents].Select(c => c / 100m);

    public static readonly Gen<decimal> Ratio = Gen.Int[0, 100].Select(p => p / 100m);

    private static readonly Gen<LevelTable> Ratios = Gen.Select(Ratio, Ratio, Ratio, (a, b, c) => new LevelTable(a, b, c));

    private static readonly Gen<Benefit> BenefitGen = Gen.Select(
        Gen.Bool,
        Cents(150_000),
        Ratios,
        Gen.Int[0, 15].Select(p => p / 100m),
        OrNullValue(Cents(5_000_000)),
        (perYear, deductible, ratio, bonus, cap) => new Benefit(
            new Deductible(perYear ? DeductiblePer.Year : DeductiblePer.Admission, LevelTable.Uniform(deductible)),
            ratio,
            bonus,
            cap));

    public static readonly Gen<Policy> PolicyGen = Gen.Select(
        Gen.OneOf(Insutype.EmployeeBasic, Insutype.ResidentBasic),
        Gen.Int[50, 100].Select(p => p / 100m),
        OrNull(BenefitGen).Array[BenefitKinds.Count],
        Gen.Select(Ratio, Ratio, Ratio, (a, b, c) => new CrossRegionReduction(a / 2, b / 2, c / 2)),
        (insutype, maxRatio, benefits, reduction) => new Policy(
            "330100",
            insutype,
            2026,
            maxRatio,
            BenefitKinds.All.Where(k => benefits[(int)k] is not null).ToDictionary(k => k, k => benefits[(int)k]!),
            reduction));

    private static readonly Gen<CatalogueEntry> EntryGen = Gen.Select(
        Gen.OneOf(CatalogueClass.A, CatalogueClass.B, CatalogueClass.C),
        Ratio,
        OrNullValue(Cents(20_000)),
        (cls, prop, cap) => new CatalogueEntry("", "item", ItemKind.Drug, cls, cls == CatalogueClass.B ? prop : 0m, cap));

    public static readonly Gen<Catalogue> CatalogueGen = EntryGen.Array[CatalogueSize]
        .Select(entries => new Catalogue(entries.Select((e, i) => e with { Code = $"C{i}" })));

    private static readonly Gen<AccumulatorSet> AccumulatorsGen = Gen.Select(Cents(200_000), Cents(6_000_000))
        .Select(t => new Accumulator(t.Item1, t.Item2))
        .Array[BenefitKinds.Count]
        .Select(values => new AccumulatorSet(BenefitKinds.All.Select(k => KeyValuePair.Create(k, values[(int)k]))));

    public static readonly Gen<InsuredPerson> PersonGen = Gen.Select(
        Gen.OneOf(Insutype.EmployeeBasic, Insutype.ResidentBasic),
        Gen.Bool,
        Cents(500_000),
        AccumulatorsGen,
        (insutype, retired, balance, accumulators) => new InsuredPerson("330100", insutype, retired, balance, accumulators));

    public static readonly Gen<SettlingInstitution> InstitutionGen = Gen.Select(
        Gen.Int[1, 3],
        Gen.OneOf(InstitutionKind.Physical, InstitutionKind.Internet, InstitutionKind.Pharmacy),
        OrNullValue(Gen.Int[1, 3]),
        (level, kind, other) => new SettlingInstitution(
            "330100",
            level,
            kind,
            kind == InstitutionKind.Internet ? other ?? level : null,
            kind == InstitutionKind.Pharmacy ? other : null));

    /// <summary>A valid line: code from the catalogue or not in it, amount = round(price × qty).</summary>
    public static readonly Gen<FeeLine> LineGen = Gen.Select(
        Gen.Int[0, CatalogueSize + 2],
        Cents(300_000),
        Gen.OneOf(1m, 2m, 3m, 7m, 28m, 30m, 0.5m, 1.25m, 0.333m),
        (code, price, qty) => new FeeLine($"C{code}", price, qty, Domain.Money.Round(price * qty)))
        .Where(l => l.Qty > 0);

    public static readonly Gen<Visit> FollowUpVisitGen = Gen.Select(
        Gen.OneOf(MedType.GeneralOutpatient, MedType.ChronicOutpatient, MedType.Inpatient, MedType.PharmacyPurchase),
        Gen.Bool,
        Gen.OneOf(Filing.None, Filing.LongTerm, Filing.TemporaryFiled, Filing.Unfiled),
        (medType, useAccount, filing) => new Visit(medType, Channel.Offline, VisitKind.FollowUp, useAccount, filing));

    /// <summary>A settleable input: the person's insutype is the policy's.</summary>
    public static readonly Gen<SettlementInput> InputGen = Gen.Select(
        PolicyGen,
        CatalogueGen,
        PersonGen,
        InstitutionGen,
        FollowUpVisitGen,
        LineGen.Array[1, 12],
        (policy, catalogue, person, institution, visit, lines) =>
            new SettlementInput(policy, catalogue, person with { Insutype = policy.Insutype }, institution, visit, lines));
}
