using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Application.Reference;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Supervision;
using Yibao.Domain.Supervision.Rules;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Supervision;

/// <summary>After the event: the month's settled claims through the after-event rules (all enabled, or <paramref name="RuleIds"/>).</summary>
/// <param name="Period">yyyy-MM.</param>
public sealed record RunSupervision(string Period, IReadOnlyList<string> RuleIds, string Actor);

/// <summary>What a run judged and raised; <paramref name="AlreadyRaised"/> findings were raised by an earlier run and not again.</summary>
public sealed record SupervisionRunReport(string Period, long Claims, int Raised, int AlreadyRaised, IReadOnlyDictionary<string, int> ByRule)
{
    /// <summary>Where the run's time went: judging (the rules and the claims' history), waiting for the findings' writes (which go on beside the reading), and the rest (reading, mostly).</summary>
    public TimeSpan Judging { get; init; }

    public TimeSpan Writing { get; init; }

    public TimeSpan Total { get; init; }
}

/// <summary>
/// Streams the settled claims of the period, each with the patient's claims of the year before it
/// (one query, in patient order, so memory holds one patient at a time), through the after-event
/// rules of the insured area, then the statistical rules over each institution's totals against
/// its peers (institutions of the same level and kind). Findings are raised into the review queue
/// once: each has a key (rule, claim or subject, evidence), and a rerun raises only what is new.
/// </summary>
/// <remarks>
/// A finding after the event names its claim (<c>mdtrt_id</c>), not the claim's settlement: nothing
/// reads a finding's <c>setl_id</c>, and looking the settlements up for each batch cost a tenth of a
/// million-claim run (PostgreSQL's index lookups, and the column's random keys in its index).
/// </remarks>
public sealed class RunSupervisionHandler(YibaoDbContext db, StorageOptions storage, ReferenceData reference, AgencyCalendar calendar, IOptions<YibaoOptions> options, WriteGate gate)
{
    private const int ReportEvery = 5000;

    public async Task<Result<SupervisionRunReport>> HandleAsync(RunSupervision command, IProgress<long>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!DateOnly.TryParseExact(command.Period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return SupervisionErrors.InvalidAnalysis.With("the period is a month, yyyy-MM");
        }

        if (command.RuleIds.FirstOrDefault(id => RuleSet.Default.Definitions.All(d => d.Id != id)) is { } unknown)
        {
            return SupervisionErrors.InvalidAnalysis.With($"there is no rule {unknown}");
        }

        // Reference data first: once the claims stream, this context's connection is theirs.
        var institutions = new Dictionary<string, SupervisedInstitution>(StringComparer.Ordinal);
        foreach (var code in await db.Institutions.AsNoTracking().Select(i => i.FixmedinsCode).ToListAsync(ct))
        {
            if (await reference.InstitutionAsync(code, ct) is { } facts)
            {
                institutions[code] = new SupervisedInstitution(facts.Row.Kind, facts.Settling.EffectiveLevel, $"level {facts.Row.Level} {facts.Row.Kind}");
            }
        }

        foreach (var area in await db.Areas.AsNoTracking().Select(a => a.Admdvs).ToListAsync(ct))
        {
            await reference.SupervisionAsync(area, ct);
        }

        // The prescriptions' fraud refusals are few: read once, then matched to the claims that dispense them.
        var fraud = (await db.PrescriptionEvents.AsNoTracking().Where(e => e.Fraud && e.HiRxno != null)
                .Select(e => new PrescriptionFraud(e.HiRxno!, e.Code ?? "", e.Actor, e.At, e.Detail)).ToListAsync(ct))
            .ToLookup(f => f.HiRxno, StringComparer.Ordinal);
        var last = first.AddMonths(1).AddDays(-1);
        var known = (await db.SupervisionFindings.AsNoTracking().Where(f => f.Period == command.Period && f.FindingKey != null).Select(f => f.FindingKey!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var started = calendar.Clock.GetUtcNow();
        var timer = calendar.Clock.GetTimestamp();
        var run = new Run(command, known, started, FindingReview.Open(calendar.DateOf(started), options.Value.Supervision.TimeLimits)) { Fraud = fraud, Institutions = institutions };
        var record = await RecordAsync(new SupervisionRunRow { Period = command.Period, Rules = string.Join(",", command.RuleIds), Actor = command.Actor, StartedAt = started }, ct);
        var since = first.AddDays(-SupervisionHistory.Days);
        var reported = 0L;
        try
        {
            await using (await SettledClaimStream.SnapshotAsync(db, ct))
            {
                // One patient's claims at a time, in date order; each claim of the period is judged with the ones before it.
                await foreach (var patient in SettledClaimStream.ReadAsync(db, since, last, institutions, ct))
                {
                    await JudgeAsync(run, patient, first, ct);
                    if (run.Pending.Count >= options.Value.Supervision.FindingsPerWrite)
                    {
                        await SaveAsync(run, ct);
                    }

                    if (progress is not null && run.Claims - reported >= ReportEvery)
                    {
                        progress.Report(reported = run.Claims);
                    }
                }
            }
        }
        catch
        {
            // A write in flight has its own context: let it end before the failure surfaces.
            await Task.WhenAny(run.Write);
            throw;
        }

        foreach (var finding in RuleSet.Default.EvaluatePeers([.. run.Peers.Values.Select(p => p.Totals())], null, Only(command, RuleStage.After)))
        {
            run.Raise(finding, null, FixmedinsOf(finding.Subject));
        }

        await SaveAsync(run, ct);
        await WrittenAsync(run);
        (record.FinishedAt, record.Claims, record.Raised, record.AlreadyRaised) = (calendar.Clock.GetUtcNow(), run.Claims, run.Raised, run.AlreadyRaised);
        await RecordAsync(record, ct);
        progress?.Report(run.Claims);
        return new SupervisionRunReport(command.Period, run.Claims, run.Raised, run.AlreadyRaised, run.ByRule)
        {
            Judging = run.Judging.Elapsed, Writing = run.Writing.Elapsed, Total = calendar.Clock.GetElapsedTime(timer),
        };
    }

    private async Task JudgeAsync(Run run, List<SupervisedClaim> patient, DateOnly first, CancellationToken ct)
    {
        run.Judging.Start();
        try
        {
            await JudgeEachAsync(run, patient, first, ct);
        }
        finally
        {
            run.Judging.Stop();
        }
    }

    private async Task JudgeEachAsync(Run run, List<SupervisedClaim> patient, DateOnly first, CancellationToken ct)
    {
        for (var i = 0; i < patient.Count; i++)
        {
            var claim = patient[i];
            if (claim.Date < first)
            {
                continue;
            }

            run.Claims++;
            var area = InsuredAreaOf(claim);
            if (!run.Areas.TryGetValue(area, out var judged))
            {
                var document = (await reference.SupervisionAsync(area, ct))?.Document ?? SupervisionDocument.Empty;
                var only = (run.Command.RuleIds.Count > 0 ? run.Command.RuleIds : document.Enabled(RuleSet.Default)).ToHashSet(StringComparer.Ordinal);
                run.Areas[area] = judged = (document, RuleSet.Default.Select(RuleStage.After, only));
            }

            var (supervision, rules) = judged;
            var history = new ClaimHistory(Before(patient, i, claim.Date.AddDays(-SupervisionHistory.Days)))
            {
                PrescriptionFraud = run.Fraud.Count == 0 ? [] : [.. claim.Lines.Select(l => l.Rxno).OfType<string>().Distinct(StringComparer.Ordinal).SelectMany(rx => run.Fraud[rx])],
            };
            foreach (var finding in RuleSet.Evaluate(rules, claim, history, supervision.Knowledge, supervision.Settings))
            {
                run.Raise(finding, claim.MdtrtId, claim.FixmedinsCode);
            }

            run.Count(claim);
        }
    }

    /// <summary>The patient's claims before the <paramref name="count"/>th, from <paramref name="since"/> on.</summary>
    private static List<SupervisedClaim> Before(List<SupervisedClaim> patient, int count, DateOnly since)
    {
        var before = new List<SupervisedClaim>(count);
        for (var j = 0; j < count; j++)
        {
            if (patient[j].Date >= since)
            {
                before.Add(patient[j]);
            }
        }

        return before;
    }

    /// <summary>
    /// Hands the pending findings to a write of their own, which goes on while the next claims are read
    /// and judged (PostgreSQL's index work on them then overlaps the client's); one write at a time, in order.
    /// </summary>
    private async Task SaveAsync(Run run, CancellationToken ct)
    {
        if (run.Pending.Count == 0)
        {
            return;
        }

        await WrittenAsync(run);
        var batch = run.Pending.ToList();
        run.Pending.Clear();
        run.Write = WriteAsync(batch, ct);
    }

    /// <summary>Waits for the write in flight; <see cref="Run.Writing"/> is the time the run waited for its writes.</summary>
    private static async Task WrittenAsync(Run run)
    {
        run.Writing.Start();
        try
        {
            await run.Write;
        }
        finally
        {
            run.Writing.Stop();
        }
    }

    private async Task WriteAsync(List<SupervisionFindingRow> batch, CancellationToken ct)
    {
        // Its own context: the streaming read holds this one's connection.
        await using var writer = storage.CreateContext();
        using (await gate.EnterAsync(writer, ct))
        {
            await FindingWriter.WriteAsync(writer, batch, ct);
        }
    }

    /// <summary>Records the run as it starts and as it ends, in a context of its own (the streaming read holds this one's).</summary>
    private async Task<SupervisionRunRow> RecordAsync(SupervisionRunRow row, CancellationToken ct)
    {
        await using var writer = storage.CreateContext();
        using (await gate.EnterAsync(writer, ct))
        {
            writer.SupervisionRuns.Update(row);
            await writer.SaveChangesAsync(ct);
        }

        return row;
    }

    /// <summary>
    /// An after-event finding's <c>jr_id</c>: its key's first 152 bits. A run raises tens of thousands
    /// within a second, where a random id would collide; and with the id made of the key, the id's unique
    /// index alone keeps a finding from being raised twice, even by two runs at once (a second unique
    /// index, on the key, was a fifth of the findings' write).
    /// </summary>
    private static string JrIdOf(string findingKey) => string.Create(40, findingKey, static (id, key) =>
    {
        "JR".CopyTo(id);
        key.AsSpan(0, 38).ToUpperInvariant(id[2..]);
    });

    private static string InsuredAreaOf(SupervisedClaim claim) => claim.InsuredArea ?? "";

    private static string? FixmedinsOf(string? subject) => subject?.StartsWith("institution:", StringComparison.Ordinal) == true ? subject["institution:".Length..] : null;

    private static IReadOnlyCollection<string>? Only(RunSupervision command, RuleStage stage) =>
        command.RuleIds.Count > 0 ? command.RuleIds : RuleSet.Default.PeerRules.Where(r => (r.Definition.Stages & stage) != 0).Select(r => r.Definition.Id).ToList();

    /// <summary>One run's state: what it raised, what waits to be saved, and each institution's totals for the statistical rules.</summary>
    private sealed class Run(RunSupervision command, HashSet<string> known, DateTimeOffset at, ReviewState opened)
    {
        public RunSupervision Command => command;
        public ILookup<string, PrescriptionFraud> Fraud { get; init; } = Enumerable.Empty<PrescriptionFraud>().ToLookup(f => f.HiRxno);
        public long Claims { get; set; }
        public System.Diagnostics.Stopwatch Judging { get; } = new();
        public System.Diagnostics.Stopwatch Writing { get; } = new();

        /// <summary>The findings' write in flight.</summary>
        public Task Write { get; set; } = Task.CompletedTask;
        public int Raised { get; private set; }
        public int AlreadyRaised { get; private set; }
        public Dictionary<string, int> ByRule { get; } = new(StringComparer.Ordinal);
        public List<SupervisionFindingRow> Pending { get; } = [];
        /// <summary>Each institution's totals, by its code.</summary>
        public Dictionary<string, PeerAccumulator> Peers { get; } = new(StringComparer.Ordinal);

        /// <summary>What the claims need of each institution, looked up once per run.</summary>
        public IReadOnlyDictionary<string, SupervisedInstitution> Institutions { get; init; } = new Dictionary<string, SupervisedInstitution>();

        /// <summary>Each insured area's document and the after-event rules it enables, chosen once per run.</summary>
        public Dictionary<string, (SupervisionDocument Document, IReadOnlyList<SupervisionRule> Rules)> Areas { get; } = new(StringComparer.Ordinal);

        public void Raise(Finding finding, string? mdtrtId, string? fixmedinsCode)
        {
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{finding.RuleId}|{mdtrtId ?? finding.Subject}|{command.Period}|{string.Join(",", finding.EvidenceLines)}")));
            if (!known.Add(key))
            {
                AlreadyRaised++;
                return;
            }

            var row = ClaimFindings.Row(finding, "after", at, null, fixmedinsCode, JrIdOf(key));
            (row.Period, row.FindingKey, row.MdtrtId) = (command.Period, key, mdtrtId);
            (row.ReviewStep, row.ReviewDue) = (FindingReview.ToName(opened.Step), opened.Due);
            Pending.Add(row);
            Raised++;
            ByRule[finding.RuleId] = ByRule.GetValueOrDefault(finding.RuleId) + 1;
        }

        /// <summary>Adds the claim to its institution's totals, begun with the institution's peer group on its first claim.</summary>
        public void Count(SupervisedClaim claim)
        {
            if (!Peers.TryGetValue(claim.FixmedinsCode, out var totals))
            {
                var peers = Institutions.GetValueOrDefault(claim.FixmedinsCode)?.Peers ?? "unknown";
                Peers[claim.FixmedinsCode] = totals = new PeerAccumulator("institution:" + claim.FixmedinsCode, peers);
            }

            totals.Add(claim);
        }
    }

    private sealed class PeerAccumulator(string subject, string peers)
    {
        private readonly HashSet<string> _persons = new(StringComparer.Ordinal);
        private readonly Dictionary<string, decimal> _items = new(StringComparer.Ordinal);
        private int _visits;
        private decimal _amount;

        public void Add(SupervisedClaim claim)
        {
            _visits++;
            _persons.Add(claim.PsnNo);
            // Indexed, not foreach: the lines are an interface, whose enumerator would be a new object for each claim.
            for (var i = 0; i < claim.Lines.Count; i++)
            {
                var line = claim.Lines[i];
                _amount += line.Amount;
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_items, line.Code, out _) += line.Amount;
            }
        }

        public PeerTotals Totals() => new(subject, peers, _visits, _persons.Count, _amount, _items);
    }
}
