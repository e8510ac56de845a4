using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Designation;

/// <summary>Is this online visit a follow-up? Asked when an online visit registers with a diagnosis and before it settles.</summary>
internal static class FollowUpCheck
{
    public static async Task<DomainError?> CheckAsync(YibaoDbContext db, string psnNo, DateOnly visitDate, string? diagnosis, int windowMonths, CancellationToken ct)
    {
        var chronic = await db.ChronicRegistrations.AsNoTracking().Where(c => c.PsnNo == psnNo)
            .Select(c => new ChronicRegistration(c.Disease, c.Name, c.From)).ToListAsync(ct);
        var since = visitDate.AddMonths(-windowMonths);
        var offline = await db.Visits.AsNoTracking()
            .Where(v => v.PsnNo == psnNo && v.Channel == Channel.Offline.ToName() && v.Status == VisitStatus.Settled && v.VisitDate >= since && v.VisitDate <= visitDate)
            .Select(v => new { v.VisitDate, v.DiseaseCode })
            .ToListAsync(ct);
        return OnlineFollowUp.Verify(diagnosis, visitDate, chronic, offline.Select(v => (v.VisitDate, v.DiseaseCode)), windowMonths);
    }
}
