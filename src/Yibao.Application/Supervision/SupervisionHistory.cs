using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Supervision;
using Yibao.Storage;

namespace Yibao.Application.Supervision;

/// <summary>A patient's settled claims of the year before a day, with their lines, in one query: the history the rules look back over.</summary>
public static class SupervisionHistory
{
    /// <summary>How far back the history reaches (the longest window of the rules' defaults).</summary>
    public const int Days = 365;

    public static async Task<ClaimHistory> ReadAsync(YibaoDbContext db, string psnNo, string excludedMdtrtId, DateOnly day, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = day.AddDays(-Days);
        var settled = VisitStatus.Settled;
        var rows = await db.Visits.AsNoTracking()
            .Where(v => v.PsnNo == psnNo && v.Status == settled && v.VisitDate >= since && v.MdtrtId != excludedMdtrtId)
            .Join(db.FeeLines.Where(l => !l.Cancelled), v => v.MdtrtId, l => l.MdtrtId, (v, l) => new { v.MdtrtId, v.VisitDate, v.Channel, v.DiseaseCode, v.MedType, v.FixmedinsCode, l.FeedetlSn, l.Code, l.Name, l.Price, l.Qty, l.Amount, l.Rxno, l.RxCircFlag })
            .ToListAsync(ct);
        return new ClaimHistory([.. rows.GroupBy(r => r.MdtrtId).Select(g =>
        {
            var first = g.First();
            return new SupervisedClaim
            {
                MdtrtId = first.MdtrtId,
                PsnNo = psnNo,
                Gender = "",
                Birthday = default,
                Insutype = "",
                FixmedinsCode = first.FixmedinsCode,
                Level = 0,
                Scene = Scene.Any,
                MedType = first.MedType,
                Online = first.Channel == Channel.Online.ToName(),
                Date = first.VisitDate,
                Discharged = first.MedType == MedType.Inpatient ? first.VisitDate : null,
                Diagnoses = first.DiseaseCode is { } d ? [d] : [],
                Lines = [.. g.Select(l => new SupervisedLine(l.FeedetlSn, l.Code, l.Name ?? l.Code, l.Price, l.Qty, l.Amount, first.VisitDate, Rxno: l.RxCircFlag ? l.Rxno : null))],
            };
        })]);
    }

    /// <summary>The fraud and tamper refusals the prescription platform recorded on these prescriptions.</summary>
    public static async Task<IReadOnlyList<PrescriptionFraud>> PrescriptionFraudAsync(YibaoDbContext db, IReadOnlyCollection<string> hiRxnos, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.PrescriptionEvents.AsNoTracking().Where(e => e.Fraud && e.HiRxno != null && hiRxnos.Contains(e.HiRxno))
            .OrderBy(e => e.Id)
            .Select(e => new PrescriptionFraud(e.HiRxno!, e.Code ?? "", e.Actor, e.At, e.Detail))
            .ToListAsync(ct);
    }
}
