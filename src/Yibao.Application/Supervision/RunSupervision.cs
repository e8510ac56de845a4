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
    /// <summary>Where the run's time went: judging (the rules and the claims' history), writing the findings, and the rest (reading, mostly).</summary>
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
public sealed class RunSupervisionHandler(YibaoDbContext db, StorageOptions storage, ReferenceData reference, AgencyCalendar calendar, IOptions<YibaoOptions> options, WriteGate gate)
{
    private const int SaveEvery = 1000;
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
        foreach (var code in await db.Institutions.AsNoTracking().Select(i => i.FixmedinsCode).ToListAsync(ct))
        {
            await reference.InstitutionAsync(code, ct);
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
        var run = new Run(command, known, started, FindingReview.Open(calendar.DateOf(started), options.Value.Supervision.TimeLimits)) { Fraud = fraud };
        var record = await RecordAsync(new SupervisionRunRow { Period = command.Period, Rules = string.Join(",", command.RuleIds), Actor = command.Actor, StartedAt = started }, ct);
        var settled = VisitStatus.Settled;
        var kept = SettlementStatus.Settled;
        var since = first.AddDays(-SupervisionHistory.Days);

        // Each line comes with its visit, patient and the visit's settlement (a finding names it as it
        // is raised, so no update of the findings follows).
        var rows = (
                from v in db.Visits.AsNoTracking().Where(v => v.Status == settled && v.VisitDate >= since && v.VisitDate <= last)
                join p in db.Persons on v.PsnNo equals p.PsnNo
                from s in db.Settlements.Where(s => s.MdtrtId == v.MdtrtId && s.Status == kept).DefaultIfEmpty()
                join l in db.FeeLines.Where(l => !l.Cancelled) on v.MdtrtId equals l.MdtrtId
                orderby v.PsnNo, v.VisitDate, v.MdtrtId, l.Id
                select new ClaimLine(
                    v.PsnNo, v.MdtrtId, v.VisitDate, v.Channel, v.VisitKind, v.MedType, v.DiseaseCode, v.FixmedinsCode, v.InsuredArea, v.TreatmentArea,
                    p.Gender, p.Birthday, p.Insutype, l.FeedetlSn, l.Code, l.Name, l.Price, l.Qty, l.Amount, l.Rxno, l.RxCircFlag, s == null ? null : s.SetlId))
            .AsAsyncEnumerable();

        // One patient's claims at a time, in date order; each claim of the period is judged with the ones before it.
        var patient = new List<(SupervisedClaim Claim, string? SetlId)>();
        string? current = null;
        var reported = 0L;
        var claimLines = new List<ClaimLine>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (claimLines.Count > 0 && row.MdtrtId != claimLines[0].MdtrtId)
            {
                patient.Add((await ClaimAsync(claimLines, ct), claimLines[0].SetlId));
                claimLines.Clear();
            }

            if (row.PsnNo != current)
            {
                await JudgeAsync(run, patient, first, ct);
                patient.Clear();
                current = row.PsnNo;
            }

            claimLines.Add(row);
            if (run.Pending.Count >= SaveEvery)
            {
                await SaveAsync(run, ct);
            }

            if (progress is not null && run.Claims - reported >= ReportEvery)
            {
                progress.Report(reported = run.Claims);
            }
        }

        if (claimLines.Count > 0)
        {
            patient.Add((await ClaimAsync(claimLines, ct), claimLines[0].SetlId));
        }

        await JudgeAsync(run, patient, first, ct);
        foreach (var finding in RuleSet.Default.EvaluatePeers([.. run.Peers.Values.Select(p => p.Totals())], null, Only(command, RuleStage.After)))
        {
            run.Raise(finding, null, FixmedinsOf(finding.Subject), null);
        }

        await SaveAsync(run, ct);
        (record.FinishedAt, record.Claims, record.Raised, record.AlreadyRaised) = (calendar.Clock.GetUtcNow(), run.Claims, run.Raised, run.AlreadyRaised);
        await RecordAsync(record, ct);
        progress?.Report(run.Claims);
        return new SupervisionRunReport(command.Period, run.Claims, run.Raised, run.AlreadyRaised, run.ByRule)
        {
            Judging = run.Judging.Elapsed, Writing = run.Writing.Elapsed, Total = calendar.Clock.GetElapsedTime(timer),
        };
    }

    private async Task JudgeAsync(Run run, List<(SupervisedClaim Claim, string? SetlId)> patient, DateOnly first, CancellationToken ct)
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

    private async Task JudgeEachAsync(Run run, List<(SupervisedClaim Claim, string? SetlId)> patient, DateOnly first, CancellationToken ct)
    {
        for (var i = 0; i < patient.Count; i++)
        {
            var (claim, setlId) = patient[i];
            if (claim.Date < first)
            {
                continue;
            }

            run.Claims++;
            var area = InsuredAreaOf(claim);
            if (!run.Areas.TryGetValue(area, out var judged))
            {
                var document = (await reference.SupervisionAsync(area, ct))?.Document ?? SupervisionDocument.Empty;
                run.Areas[area] = judged = (document, (run.Command.RuleIds.Count > 0 ? run.Command.RuleIds : document.Enabled(RuleSet.Default)).ToHashSet(StringComparer.Ordinal));
            }

            var (supervision, only) = judged;
            var history = new ClaimHistory([.. patient.Take(i).Select(c => c.Claim).Where(c => c.Date >= claim.Date.AddDays(-SupervisionHistory.Days))])
            {
                PrescriptionFraud = run.Fraud.Count == 0 ? [] : [.. claim.Lines.Select(l => l.Rxno).OfType<string>().Distinct(StringComparer.Ordinal).SelectMany(rx => run.Fraud[rx])],
            };
            foreach (var finding in RuleSet.Default.Evaluate(RuleStage.After, claim, history, supervision.Knowledge, supervision.Settings, only))
            {
                run.Raise(finding, claim.MdtrtId, claim.FixmedinsCode, setlId);
            }

            if (!run.PeerGroups.TryGetValue(claim.FixmedinsCode, out var peers))
            {
                run.PeerGroups[claim.FixmedinsCode] = peers = await PeersOfAsync(claim.FixmedinsCode, ct);
            }

            run.Count(claim, peers);
        }
    }

    private async Task SaveAsync(Run run, CancellationToken ct)
    {
        if (run.Pending.Count == 0)
        {
            return;
        }

        run.Writing.Start();
        // Its own context: the streaming read holds this one's connection.
        await using (var writer = storage.CreateContext())
        {
            using (await gate.EnterAsync(writer, ct))
            {
                await FindingWriter.WriteAsync(writer, run.Pending, ct);
            }
        }

        run.Pending.Clear();
        run.Writing.Stop();
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

    private async Task<SupervisedClaim> ClaimAsync(List<ClaimLine> lines, CancellationToken ct)
    {
        var l = lines[0];
        var institution = await reference.InstitutionAsync(l.FixmedinsCode, ct);
        var inpatient = l.MedType == MedType.Inpatient;
        var online = l.Channel == Channel.Online.ToName();
        var scene = SupervisedClaims.SceneOf(institution?.Row.Kind ?? "", l.MedType, online, l.InsuredArea, l.TreatmentArea);
        return new SupervisedClaim
        {
            MdtrtId = l.MdtrtId,
            PsnNo = l.PsnNo,
            Gender = l.Gender,
            Birthday = l.Birthday,
            Insutype = l.Insutype,
            InsuredArea = l.InsuredArea,
            FixmedinsCode = l.FixmedinsCode,
            Level = institution?.Settling.EffectiveLevel ?? 0,
            Scene = scene,
            MedType = l.MedType,
            Online = online,
            FirstVisit = l.VisitKind == VisitKind.First.ToName(),
            Date = l.VisitDate,
            Admitted = inpatient ? l.VisitDate : null,
            Discharged = inpatient ? l.VisitDate : null,
            Diagnoses = l.DiseaseCode is { } d ? [d] : [],
            Lines = [.. lines.Select(x => new SupervisedLine(EvidenceId(x.MdtrtId, x.FeedetlSn), x.Code, x.Name ?? x.Code, x.Price, x.Qty, x.Amount, x.VisitDate, Rxno: x.RxCircFlag ? x.Rxno : null))],
        };
    }

    /// <summary>After the event a finding's evidence may span claims: each line is named by its claim and <c>feedetl_sn</c>.</summary>
    public static string EvidenceId(string mdtrtId, string feedetlSn) => mdtrtId + "/" + feedetlSn;

    private static string InsuredAreaOf(SupervisedClaim claim) => claim.InsuredArea ?? "";

    private async Task<string> PeersOfAsync(string fixmedinsCode, CancellationToken ct) =>
        (await reference.InstitutionAsync(fixmedinsCode, ct)) is { } i ? $"level {i.Row.Level} {i.Row.Kind}" : "unknown";

    private static string? FixmedinsOf(string? subject) => subject?.StartsWith("institution:", StringComparison.Ordinal) == true ? subject["institution:".Length..] : null;

    private static IReadOnlyCollection<string>? Only(RunSupervision command, RuleStage stage) =>
        command.RuleIds.Count > 0 ? command.RuleIds : RuleSet.Default.PeerRules.Where(r => (r.Definition.Stages & stage) != 0).Select(r => r.Definition.Id).ToList();

    /// <summary>A fee line of a settled claim with its visit and patient, as the batch streams them.</summary>
    private sealed record ClaimLine(
        string PsnNo, string MdtrtId, DateOnly VisitDate, string Channel, string VisitKind, string MedType, string? DiseaseCode, string FixmedinsCode, string InsuredArea, string TreatmentArea,
        string Gender, DateOnly Birthday, string Insutype, string FeedetlSn, string Code, string? Name, decimal Price, decimal Qty, decimal Amount, string? Rxno, bool RxCircFlag,
        string? SetlId);

    /// <summary>One run's state: what it raised, what waits to be saved, and each institution's totals for the statistical rules.</summary>
    private sealed class Run(RunSupervision command, HashSet<string> known, DateTimeOffset at, ReviewState opened)
    {
        public RunSupervision Command => command;
        public ILookup<string, PrescriptionFraud> Fraud { get; init; } = Enumerable.Empty<PrescriptionFraud>().ToLookup(f => f.HiRxno);
        public long Claims { get; set; }
        public System.Diagnostics.Stopwatch Judging { get; } = new();
        public System.Diagnostics.Stopwatch Writing { get; } = new();
        public int Raised { get; private set; }
        public int AlreadyRaised { get; private set; }
        public Dictionary<string, int> ByRule { get; } = new(StringComparer.Ordinal);
        public List<SupervisionFindingRow> Pending { get; } = [];
        public Dictionary<string, PeerAccumulator> Peers { get; } = new(StringComparer.Ordinal);

        /// <summary>Each institution's peer group (its level and kind), looked up once per run.</summary>
        public Dictionary<string, string> PeerGroups { get; } = new(StringComparer.Ordinal);

        /// <summary>Each insured area's document and the rules it enables, looked up once per run.</summary>
        public Dictionary<string, (SupervisionDocument Document, IReadOnlyCollection<string> Only)> Areas { get; } = new(StringComparer.Ordinal);

        public void Raise(Finding finding, string? mdtrtId, string? fixmedinsCode, string? setlId)
        {
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{finding.RuleId}|{mdtrtId ?? finding.Subject}|{command.Period}|{string.Join(",", finding.EvidenceLines)}")));
            if (!known.Add(key))
            {
                AlreadyRaised++;
                return;
            }

            var row = ClaimFindings.Row(finding, "after", at, setlId, fixmedinsCode);
            (row.Period, row.FindingKey, row.MdtrtId) = (command.Period, key, mdtrtId);
            (row.ReviewStep, row.ReviewDue) = (FindingReview.ToName(opened.Step), opened.Due);
            // A run raises tens of thousands within a second: a random jr_id would collide; its key does not.
            row.JrId = "JR" + at.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + key[..20].ToUpperInvariant();
            Pending.Add(row);
            Raised++;
            ByRule[finding.RuleId] = ByRule.GetValueOrDefault(finding.RuleId) + 1;
        }

        public void Count(SupervisedClaim claim, string peers)
        {
            var subject = "institution:" + claim.FixmedinsCode;
            if (!Peers.TryGetValue(subject, out var totals))
            {
                Peers[subject] = totals = new PeerAccumulator(subject, peers);
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
            foreach (var line in claim.Lines)
            {
                _amount += line.Amount;
                _items[line.Code] = _items.GetValueOrDefault(line.Code) + line.Amount;
            }
        }

        public PeerTotals Totals() => new(subject, peers, _visits, _persons.Count, _amount, _items);
    }
}
