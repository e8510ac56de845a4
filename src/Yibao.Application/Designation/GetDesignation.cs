using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Designation;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Domain.Institutions;

namespace Yibao.Application.Designation;

/// <summary>An institution's agreement status and, for an internet hospital, its supplementary agreement.</summary>
public sealed record GetDesignation(string FixmedinsCode);

public sealed record DesignationView(InstitutionRow Institution, InternetPlusAgreement? Agreement);

public sealed class GetDesignationHandler(YibaoDbContext db)
{
    public async Task<Result<DesignationView>> HandleAsync(GetDesignation command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.FixmedinsCode == command.FixmedinsCode, ct);
        return institution is null
            ? InstitutionErrors.NotFound(command.FixmedinsCode)
            : new DesignationView(institution, await Designations.CurrentAgreementAsync(db, command.FixmedinsCode, ct));
    }
}
