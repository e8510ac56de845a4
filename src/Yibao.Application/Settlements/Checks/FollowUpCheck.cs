using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Persons;
using Yibao.Storage;

namespace Yibao.Application.Settlements.Checks;

/// <summary>
/// Online care is follow-up care: an online visit needs an earlier offline diagnosis of the same
/// disease, or a chronic-disease registration. Asked when an online visit registers with its
/// diagnosis, and before it settles.
/// </summary>
public sealed class FollowUpCheck(YibaoDbContext db, IOptions<YibaoOptions> options) : ISettlementCheck
{
    public CheckPhase Phase => CheckPhase.BeforeComputing;

    public async Task<DomainError?> CheckAsync(ClaimContext claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Channel != Channel.Online || (claim.Stage == ClaimStage.Registration && string.IsNullOrEmpty(claim.DiseaseCode)))
        {
            return null;
        }

        var windowMonths = options.Value.FollowUpWindowMonths;
        var chronic = await db.ChronicRegistrations.AsNoTracking().Where(c => c.PsnNo == claim.PsnNo)
            .Select(c => new ChronicRegistration(c.Disease, c.Name, c.From)).ToListAsync(cancellationToken);
        var since = claim.VisitDate.AddMonths(-windowMonths);
        var offline = Channel.Offline.ToName();
        var offlineVisits = await db.Visits.AsNoTracking()
            .Where(v => v.PsnNo == claim.PsnNo && v.Channel == offline && v.Status == VisitStatus.Settled && v.VisitDate >= since && v.VisitDate <= claim.VisitDate)
            .Select(v => new { v.VisitDate, v.DiseaseCode })
            .ToListAsync(cancellationToken);
        return OnlineFollowUp.Verify(claim.DiseaseCode, claim.VisitDate, chronic, offlineVisits.Select(v => (v.VisitDate, v.DiseaseCode)), windowMonths);
    }
}
