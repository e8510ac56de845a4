using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Storage;
using Yibao.Storage.Designation;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Designation;

/// <summary>
/// May this institution give insurance-covered care on this date? Asked at registration and again at
/// every (pre-)settlement, so that a suspension applies at once, also to visits already open.
/// </summary>
internal static class DesignationCheck
{
    /// <param name="service">The Internet+ service an online visit gives; the agreement must cover it.</param>
    public static async Task<DomainError?> CheckAsync(YibaoDbContext db, InstitutionRow institution, DateOnly date, OnlineService service, string? diseaseCode, CancellationToken ct)
    {
        var status = Status(institution.AgreementStatus);
        if (institution.Kind != InstitutionKind.Internet.ToName())
        {
            return DesignationRules.CheckInstitution(institution.FixmedinsCode, status);
        }

        var physical = await db.Institutions.AsNoTracking().Where(i => i.FixmedinsCode == institution.ReliesOn).Select(i => i.AgreementStatus).FirstOrDefaultAsync(ct);
        return DesignationRules.CheckInternetHospital(
            institution.FixmedinsCode,
            status,
            institution.ReliesOn ?? "",
            physical is null ? AgreementStatus.Ended : Status(physical),
            await Designations.CurrentAgreementAsync(db, institution.FixmedinsCode, ct),
            date,
            service,
            diseaseCode);
    }

    private static AgreementStatus Status(string text) => Designations.TryParseStatus(text, out var status) ? status : AgreementStatus.Ended;
}
