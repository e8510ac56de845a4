using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Policies;

namespace Yibao.Domain.Simulation;

/// <summary>
/// Runs the simulator over people one at a time and keeps only the report's sums, a fixed
/// histogram and the few most affected: memory does not grow with the number of settlements.
/// </summary>
public sealed class SimulationTally(Policy draft, DateOnly from, DateOnly to, int mostAffected = 20)
{
    /// <summary>Bounds, in yuan, of the histogram of each person's change in cash paid; zero has its own bin.</summary>
    public static IReadOnlyList<decimal> HistogramEdges { get; } = [-1000m, -500m, -200m, -100m, -50m, -10m, 0m, 10m, 50m, 100m, 200m, 500m, 1000m];

    private static readonly string[] PersonTypes = ["employee", "retired", "resident"];

    private readonly Sums _total = new("total");
    private readonly Sums[] _byBenefit = [.. BenefitKinds.All.Select(k => new Sums(k.ToName()))];
    private readonly Sums[] _byPersonType = [.. PersonTypes.Select(t => new Sums(t))];
    private readonly Sums[] _byLevel = [new("1"), new("2"), new("3")];
    private readonly long[] _histogram = new long[HistogramEdges.Count + 2];
    private readonly PriorityQueue<AffectedPerson, (decimal Change, string PsnNo)> _most = new(Comparer<(decimal Change, string PsnNo)>.Create(Compare));
    private long _resettled;
    private long _people;
    private long _changed;

    public Policy Draft { get; } = draft;

    /// <summary>Re-settles one person's year and counts the settlements that stand and fall in the period.</summary>
    public void Add(PersonHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var resettled = PolicySimulator.Resettle(history, Draft);
        _resettled += resettled.Count;
        decimal cashBefore = 0m, cashAfter = 0m;
        var counted = 0;
        var personType = 0;
        foreach (var r in resettled)
        {
            var s = r.Stored;
            if (s.Status != SettlementStatus.Settled || s.SettlementDate < from || s.SettlementDate > to)
            {
                continue;
            }

            counted++;
            personType = Draft.Insutype == Insutype.ResidentBasic ? 2 : s.Retired ? 1 : 0;
            _total.Add(r);
            _byBenefit[(int)s.BenefitKind].Add(r);
            _byPersonType[personType].Add(r);
            if (s.InstitutionLevel is >= 1 and <= 3)
            {
                _byLevel[s.InstitutionLevel - 1].Add(r);
            }

            _changed += r.Changed ? 1 : 0;
            cashBefore += s.PsnCashPay;
            cashAfter += r.PsnCashPay;
        }

        if (counted == 0)
        {
            return;
        }

        _people++;
        _histogram[BinOf(cashAfter - cashBefore)]++;
        Keep(new AffectedPerson(history.PsnNo, PersonTypes[personType], counted, cashBefore, cashAfter));
    }

    public SimulationReport Report()
    {
        var most = _most.UnorderedItems.Select(x => x.Element)
            .OrderByDescending(p => Math.Abs(p.CashChange)).ThenBy(p => p.PsnNo, StringComparer.Ordinal).ToList();
        return new SimulationReport(
            _resettled,
            _people,
            _changed,
            _total.ToChange(),
            [.. _byBenefit.Where(s => s.Count > 0).Select(s => s.ToChange())],
            [.. _byPersonType.Where(s => s.Count > 0).Select(s => s.ToChange())],
            [.. _byLevel.Select(s => s.ToChange())],
            Histogram(),
            most);
    }

    /// <summary>Bin 0 is below the first edge; a change of exactly zero has its own bin; bins are [from, to) below zero and (from, to] above.</summary>
    public static int BinOf(decimal change)
    {
        var edges = HistogramEdges;
        if (change < 0m)
        {
            for (var i = 0; i < edges.Count; i++)
            {
                if (change < edges[i])
                {
                    return i;
                }
            }
        }

        var zero = IndexOfZero();
        if (change == 0m)
        {
            return zero + 1;
        }

        for (var i = zero + 1; i < edges.Count; i++)
        {
            if (change <= edges[i])
            {
                return i + 1;
            }
        }

        return edges.Count + 1;
    }

    private static int IndexOfZero() => 6; // HistogramEdges[6] is 0

    private List<HistogramBin> Histogram()
    {
        var edges = HistogramEdges;
        var zero = IndexOfZero();
        var bins = new List<HistogramBin>(_histogram.Length);
        for (var b = 0; b < _histogram.Length; b++)
        {
            var (lower, upper) = b switch
            {
                0 => ((decimal?)null, (decimal?)edges[0]),
                _ when b <= zero => (edges[b - 1], edges[b]),
                _ when b == zero + 1 => (0m, 0m),
                _ when b == edges.Count + 1 => (edges[^1], null),
                _ => (edges[b - 2], edges[b - 1]),
            };
            bins.Add(new HistogramBin(Label(lower, upper), lower, upper, _histogram[b]));
        }

        return bins;
    }

    private static string Label(decimal? from, decimal? to) => (from, to) switch
    {
        (null, { } t) => $"< {t:0}",
        ({ } f, null) => $"> {f:0}",
        ({ } f, { } t) when f == t => "0",
        ({ } f, { } t) => $"{f:0} … {t:0}",
        _ => "",
    };

    private void Keep(AffectedPerson person)
    {
        var key = (Math.Abs(person.CashChange), person.PsnNo);
        if (_most.Count < mostAffected)
        {
            _most.Enqueue(person, key);
        }
        else if (_most.TryPeek(out _, out var least) && Compare(key, least) > 0)
        {
            _most.EnqueueDequeue(person, key);
        }
    }

    // The queue's head is the least affected kept: smaller change, then the later psn_no.
    private static int Compare((decimal Change, string PsnNo) a, (decimal Change, string PsnNo) b) =>
        a.Change != b.Change ? a.Change.CompareTo(b.Change) : string.CompareOrdinal(b.PsnNo, a.PsnNo);

    private sealed class Sums(string key)
    {
        public long Count;
        private decimal _fundBefore, _fundAfter, _accountBefore, _accountAfter, _cashBefore, _cashAfter;

        public void Add(Resettlement r)
        {
            Count++;
            _fundBefore += r.Stored.FundPaySumamt;
            _fundAfter += r.FundPaySumamt;
            _accountBefore += r.Stored.AcctPay;
            _accountAfter += r.AcctPay;
            _cashBefore += r.Stored.PsnCashPay;
            _cashAfter += r.PsnCashPay;
        }

        public PaidChange ToChange() => new(key, Count, _fundBefore, _fundAfter, _accountBefore, _accountAfter, _cashBefore, _cashAfter);
    }
}
