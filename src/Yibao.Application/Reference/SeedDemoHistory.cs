using Microsoft.EntityFrameworkCore;
using Yibao.Application.Settlements;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Reference;

/// <summary>
/// A few months of settlements for the demo world, so that the console's dashboard and the what-if
/// simulator show something real on first start: a population of <see cref="People"/> insured
/// people of the demo area (employees, retired, residents), and every day up to yesterday a mix of
/// outpatient and chronic visits, online follow-ups at the internet hospitals, pharmacy purchases and
/// admissions, each computed by the engine against the person's ledger as it then stood, 2 %
/// cancelled the same day. Generated from a fixed seed: the same days give the same people, claims
/// and amounts (the ids' random suffixes aside).
/// </summary>
/// <param name="Months">How far back, within the current year (the demo policies are the current year's).</param>
public sealed record SeedDemoHistory(int Months, IProgress<long>? Progress = null)
{
    public const int People = 2_000;

    public const int VisitsPerDay = 60;
}

public sealed class SeedDemoHistoryHandler(YibaoDbContext db, ReferenceData reference, AgencyCalendar calendar)
{
    private const string Area = "330100";
    private const string PsnPrefix = "33019";

    /// <summary>The number of settlements made, or a refusal when the history is there already.</summary>
    public async Task<Result<int>> HandleAsync(SeedDemoHistory command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await db.Persons.AnyAsync(p => p.PsnNo.StartsWith(PsnPrefix), ct))
        {
            return CatalogueVersionErrors.DemoHistoryLoaded.With("the demo history is loaded already");
        }

        var today = calendar.Today;
        var first = new[] { today.AddMonths(-Math.Max(0, command.Months)), new DateOnly(today.Year, 1, 1) }.Max();
        var random = new Random(2026);
        var people = Population(random, today.Year);
        db.Persons.AddRange(people.Select(p => p.Row));
        db.PersonalAccounts.AddRange(people.Select(p => new PersonalAccountRow { PsnNo = p.Row.PsnNo, Balance = p.Balance }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var settled = 0;
        var offset = calendar.Now.Offset;
        for (var day = first; day < today; day = day.AddDays(1))
        {
            for (var i = 0; i < SeedDemoHistory.VisitsPerDay; i++)
            {
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), offset).AddMinutes(random.Next(0, 9 * 60));
                settled += await SettleAsync(people[random.Next(people.Count)], Scenario.Pick(random), day, at, random, $"HV{day:yyyyMMdd}{i:D4}", ct) ? 1 : 0;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            command.Progress?.Report(day.DayNumber - first.DayNumber + 1);
        }

        foreach (var person in people)
        {
            await db.PersonalAccounts.Where(a => a.PsnNo == person.Row.PsnNo).ExecuteUpdateAsync(u => u.SetProperty(a => a.Balance, person.Balance), ct);
            foreach (var kind in BenefitKinds.All.Where(k => person.Accumulators[k] != Accumulator.Zero))
            {
                db.Accumulators.Add(new AccumulatorRow { PsnNo = person.Row.PsnNo, Year = today.Year, BenefitKind = kind.ToName(), DeductiblePaid = person.Accumulators[kind].DeductiblePaid, FundPaid = person.Accumulators[kind].FundPaid });
            }
        }

        db.Record(calendar.Clock.GetUtcNow(), "seed", "demo.history", "demo", Area, $"{people.Count} people, {settled} settlements from {first:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return settled;
    }

    private async Task<bool> SettleAsync(HistoryPerson person, Scenario scenario, DateOnly day, DateTimeOffset at, Random random, string mdtrtId, CancellationToken ct)
    {
        var institution = (await reference.InstitutionAsync(scenario.Institution, ct))!;
        var policy = (await reference.PolicyAsync(Area, person.Row.Insutype, day.Year, ct))!;
        var catalogue = (await reference.GovernedCatalogueAsync(Area, institution.Settling.EffectiveLevel, ct))!;
        var lines = scenario.Lines(random);
        var useAccount = random.Next(10) < 8;
        var visit = new Visit(scenario.MedType, scenario.Online ? Channel.Online : Channel.Offline, VisitKind.FollowUp, useAccount, Filing.None);
        var input = new SettlementInput(policy.Policy, catalogue.Catalogue, new InsuredPerson(Area, person.Row.Insutype, person.Row.Retired, person.Balance, person.Accumulators), institution.Settling, visit, lines);
        var result = SettlementEngine.Settle(input);
        if (!result.IsSuccess)
        {
            return false;
        }

        var r = result.Value;
        var visitRow = new VisitRow
        {
            MdtrtId = mdtrtId,
            PsnNo = person.Row.PsnNo,
            FixmedinsCode = scenario.Institution,
            MedType = scenario.MedType,
            Channel = visit.Channel.ToName(),
            VisitKind = VisitKind.FollowUp.ToName(),
            OnlineService = scenario.Online ? "followUp" : null,
            Filing = Filing.None.ToName(),
            InsuredArea = Area,
            TreatmentArea = Area,
            DiseaseCode = scenario.Disease,
            BeginTime = at,
            VisitDate = day,
            Status = VisitStatus.Settled,
        };
        var feeLines = lines.Select((l, i) =>
        {
            var entry = catalogue.Catalogue.Find(l.Code);
            return new FeeLineRow
            {
                MdtrtId = mdtrtId,
                FeedetlSn = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Code = l.Code,
                Name = entry?.Name,
                Price = l.Price,
                Qty = l.Qty,
                Amount = l.Amount,
                Fulamt = r.Lines[i].Fulamt,
                Over = r.Lines[i].Over,
                Pre = r.Lines[i].Pre,
                Inscp = r.Lines[i].Inscp,
                ChrgitmLv = (entry?.Class ?? CatalogueClass.C).ToChrgitmLv(),
                SelfpayProp = entry?.SelfpayProp ?? 1m,
                PriceCap = entry?.PriceCap,
            };
        }).ToList();
        visitRow.FeeLines = feeLines;
        var settlement = SettlementRows.Build(new ComputedClaim(new ClaimParty(input.Person.Insutype, input.Person.Retired, input.Visit.UseAccount, visitRow.Filing), r, visitRow, feeLines, catalogue.Version, policy.Revision), SettlementStatus.Settled, new AgencyCalendar(new At(at), at.Offset));
        var entryTaken = SettlementRows.EntryOf(settlement);
        person.Take(entryTaken);
        if (random.Next(50) == 0)
        {
            settlement.Status = SettlementStatus.Cancelled;
            settlement.CancelledAt = at.AddHours(2);
            settlement.CancellationDate = day;
            visitRow.Status = VisitStatus.Registered;
            person.GiveBack(entryTaken);
        }

        db.Visits.Add(visitRow);
        db.Settlements.Add(settlement);
        return true;
    }

    private static List<HistoryPerson> Population(Random random, int year)
    {
        string[] families = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
        string[] given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明"];
        var people = new List<HistoryPerson>(SeedDemoHistory.People);
        for (var i = 0; i < SeedDemoHistory.People; i++)
        {
            var resident = random.Next(10) < 3;
            var retired = !resident && random.Next(4) == 0;
            var birthday = new DateOnly(retired ? random.Next(1940, 1962) : random.Next(1962, 2005), random.Next(1, 13), random.Next(1, 29));
            var gender = random.Next(2) == 0 ? "1" : "2";
            var row = new PersonRow
            {
                PsnNo = $"{PsnPrefix}{i:D11}",
                Name = families[random.Next(families.Length)] + given[random.Next(given.Length)],
                Gender = gender,
                Birthday = birthday,
                Certno = $"339{i:D6}{birthday:yyyyMMdd}{(gender == "1" ? 1 : 2)}",
                Insutype = resident ? Insutype.ResidentBasic : Insutype.EmployeeBasic,
                Area = Area,
                Retired = retired,
                CardSn = $"SSC{PsnPrefix}{i:D11}",
            };
            people.Add(new HistoryPerson(row, resident ? 0m : random.Next(5, 60) * 100m, year));
        }

        return people;
    }

    /// <summary>A person's ledger as the history goes along.</summary>
    private sealed class HistoryPerson(PersonRow row, decimal balance, int year)
    {
        private PersonLedger _ledger = new(balance, year, new AccumulatorSet());

        public PersonRow Row { get; } = row;

        public decimal Balance => _ledger.Balance;

        public AccumulatorSet Accumulators => _ledger.Accumulators;

        public void Take(LedgerEntry entry) => _ledger = _ledger.Take(entry);

        public void GiveBack(LedgerEntry entry) => _ledger = _ledger.GiveBack(entry);
    }

    /// <summary>A kind of visit, where, and its typical fee lines.</summary>
    private sealed record Scenario(string MedType, string Institution, bool Online, string? Disease, Func<Random, FeeLine[]> Lines)
    {
        private static readonly (int Weight, Scenario Scenario)[] All =
        [
            (30, new("11", "H33010000001", false, null, r => [Line("110200001", 25m, 1), Line("XC08CAA001A001", 1.85m, 14 * r.Next(1, 3)), Line("250301001", 12m, r.Next(0, 2))])),
            (20, new("11", "H33010000003", false, null, r => [Line("110200001", 15m, 1), Line("XA10BAA001A001", 0.8m, 30 * r.Next(1, 3))])),
            (8, new("11", "H33010000002", true, "I10", r => [Line("111100001", 25m, 1), Line("XC08CAA001A001", 1.85m, 28)])),
            (5, new("11", "H33010000004", true, "E11", r => [Line("111100001", 20m, 1), Line("XA10BAA001A001", 0.8m, 60)])),
            (10, new("14", "H33010000001", false, "E11", r => [Line("XA10AEI032B001", 75m, r.Next(1, 4)), Line("XC10AAA005A001", 3.6m, 28), Line("250301001", 12m, 1)])),
            (20, new("41", "P33010000001", false, null, r => [Line("XC08CAA001A001", 1.85m, 28), Line("ZZ0001", 98m, r.Next(0, 2))])),
            (2, new("21", "H33010000001", false, "K35", r => [Line("330100005", 1280m, 1), Line("120100001", 80m, r.Next(2, 8)), Line("C0310000001", 9.5m, r.Next(2, 6))])),
        ];

        public static Scenario Pick(Random random)
        {
            var pick = random.Next(All.Sum(s => s.Weight));
            foreach (var (weight, scenario) in All)
            {
                if ((pick -= weight) < 0)
                {
                    return scenario;
                }
            }

            return All[0].Scenario;
        }

        private static FeeLine Line(string code, decimal price, int qty) => new(code, price, Math.Max(1, qty), Money.Round(price * Math.Max(1, qty)));
    }

    /// <summary>The settlement's own time, for the row builder.</summary>
    private sealed class At(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at.ToUniversalTime();
    }
}
