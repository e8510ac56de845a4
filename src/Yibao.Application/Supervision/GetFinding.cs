using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Supervision;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Supervision;

/// <summary>A finding, explained, for a reviewer or its institution.</summary>
public sealed record GetFinding(string JrId, Viewer Viewer);

/// <summary>
/// A finding as it explains itself: the rule and its explanation, the parameters in force when it
/// was found, the evidence lines (the fee lines themselves, with their claims), the amount at stake,
/// and its review's history and deduction.
/// </summary>
public sealed record FindingDetail(
    FindingSummary Finding,
    string Stage,
    DateTimeOffset FoundAt,
    RuleDefinition? Rule,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> EvidenceSns,
    IReadOnlyList<EvidenceLine> Evidence,
    IReadOnlyList<SupervisionReviewRow> History,
    DeductionRow? Deduction,
    string? InstitutionName);

/// <summary>An evidence line: the fee line and the date of its claim.</summary>
public sealed record EvidenceLine(string MdtrtId, DateOnly VisitDate, string FeedetlSn, string Code, string Name, decimal Price, decimal Qty, decimal Amount);

/// <summary>
/// Reads a finding for staff, or for its institution once put to it (any other is not found). The
/// read of a patient's finding leaves an access record.
/// </summary>
public sealed class GetFindingHandler(YibaoDbContext db, AgencyCalendar calendar, WriteGate gate)
{
    public async Task<Result<FindingDetail>> HandleAsync(GetFinding command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var viewer = command.Viewer;
        var f = await db.SupervisionFindings.AsNoTracking().FirstOrDefaultAsync(x => x.JrId == command.JrId, ct);
        if (f is null || (viewer.Kind == "institution" && (f.FixmedinsCode != viewer.Id || f.NotifiedOn is null)))
        {
            return SupervisionErrors.FindingNotFound.With($"there is no finding {command.JrId}{(viewer.Kind == "institution" ? " put to " + viewer.Id : "")}");
        }

        var sns = JsonSerializer.Deserialize<List<string>>(f.Evidence) ?? [];
        // After the event a line is named "mdtrt_id/feedetl_sn" (its claim's); during it, by its feedetl_sn on the finding's claim.
        var named = sns.Select(sn => sn.Split('/', 2) is [var m, var l] ? (Mdtrt: m, Sn: l) : (Mdtrt: f.MdtrtId ?? "", Sn: sn)).ToHashSet();
        var claims = named.Select(n => n.Mdtrt).Distinct().ToList();
        var lineSns = named.Select(n => n.Sn).Distinct().ToList();
        var evidence = f.PsnNo is null || named.Count == 0 ? [] : (await db.FeeLines.AsNoTracking()
            .Where(l => claims.Contains(l.MdtrtId) && lineSns.Contains(l.FeedetlSn) && !l.Cancelled)
            .Join(db.Visits.Where(v => v.PsnNo == f.PsnNo), l => l.MdtrtId, v => v.MdtrtId, (l, v) => new EvidenceLine(l.MdtrtId, v.VisitDate, l.FeedetlSn, l.Code, l.Name ?? l.Code, l.Price, l.Qty, l.Amount))
            .ToListAsync(ct)).Where(e => named.Contains((e.MdtrtId, e.FeedetlSn))).ToList();
        var history = await db.SupervisionReviews.AsNoTracking().Where(r => r.FindingId == f.Id).OrderBy(r => r.Id).ToListAsync(ct);
        var deduction = await db.Deductions.AsNoTracking().FirstOrDefaultAsync(d => d.JrId == f.JrId, ct);
        var name = f.FixmedinsCode is null ? null : await db.Institutions.AsNoTracking().Where(i => i.FixmedinsCode == f.FixmedinsCode).Select(i => i.Name).FirstOrDefaultAsync(ct);
        if (f.PsnNo is not null && viewer.Kind != "person")
        {
            using (await gate.EnterAsync(db, ct))
            {
                db.PersonAccessRecords.Add(new PersonAccessRow { At = calendar.Clock.GetUtcNow(), ActorKind = viewer.Kind, Actor = viewer.Id, PsnNo = f.PsnNo, Door = viewer.Door, Purpose = "finding-read" });
                await db.SaveChangesAsync(ct);
            }
        }

        return new FindingDetail(
            ListFindingsHandler.Summary(f, calendar.Today), f.Stage, f.FoundAt,
            RuleSet.Default.Definitions.FirstOrDefault(d => d.Id == f.RuleId),
            JsonSerializer.Deserialize<Dictionary<string, string>>(f.Parameters) ?? [],
            sns, [.. evidence.OrderBy(e => e.VisitDate).ThenBy(e => e.FeedetlSn, StringComparer.Ordinal)], history, deduction, name);
    }
}
