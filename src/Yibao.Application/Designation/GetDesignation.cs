using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Designation;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Domain.Institutions;

namespace Yibao.Application.Designation;

/// <summary>An institution's agreement status and, for an internet hospital, its supplementary agreement.</summary>
public sealed record GetDesignation(string FixmedinsCode);

/// <param name="ReliedOnStatus">The status of the physical institution an internet hospital relies on.</param>
/// <param name="EffectiveStatus">What its care is under: its own status, or a suspension it follows from the physical institution.</param>
public sealed record DesignationView(InstitutionRow Institution, InternetPlusAgreement? Agreement, AgreementStatus? ReliedOnStatus, AgreementStatus EffectiveStatus);

public sealed class GetDesignationHandler(YibaoDbContext db)
{
    public async Task<Result<DesignationView>> HandleAsync(GetDesignation command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.FixmedinsCode == command.FixmedinsCode, ct);
        if (institution is null)
        {
            return InstitutionErrors.NotFound(command.FixmedinsCode);
        }

        AgreementStatus? reliedOn = null;
        if (institution.ReliesOn is { } physical
            && await db.Institutions.AsNoTracking().Where(i => i.FixmedinsCode == physical).Select(i => i.AgreementStatus).FirstOrDefaultAsync(ct) is { } status)
        {
            reliedOn = Designations.TryParseStatus(status, out var parsed) ? parsed : AgreementStatus.Suspended;
        }

        var own = Designations.TryParseStatus(institution.AgreementStatus, out var ownStatus) ? ownStatus : AgreementStatus.Suspended;
        return new DesignationView(institution, await Designations.CurrentAgreementAsync(db, command.FixmedinsCode, ct), reliedOn, DesignationRules.EffectiveStatus(own, reliedOn));
    }
}
