using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Designation;
using Yibao.Storage;
using Yibao.Domain.Institutions;

namespace Yibao.Application.Designation;

/// <summary>Suspends, resumes or ends an institution's designation; it applies at once, to its internet hospitals too.</summary>
/// <param name="Actor">Who decides, for the audit log (admin, cli).</param>
public sealed record SetAgreementStatus(string FixmedinsCode, AgreementStatus Status, string Reason, string Actor);

public sealed class SetAgreementStatusHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<AgreementStatus>> HandleAsync(SetAgreementStatus command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (fixmedinsCode, status, reason, actor) = command;
        var institution = await db.Institutions.FirstOrDefaultAsync(i => i.FixmedinsCode == fixmedinsCode, cancellationToken);
        if (institution is null)
        {
            return InstitutionErrors.NotFound(fixmedinsCode);
        }

        if (institution.AgreementStatus == Designations.ToName(AgreementStatus.Ended) && status != AgreementStatus.Ended)
        {
            return DesignationErrors.AgreementEnded.With($"The agreement of {fixmedinsCode} has ended; a new designation is a new agreement.");
        }

        institution.AgreementStatus = Designations.ToName(status);
        db.Record(clock.GetUtcNow(), actor, "designation.status", "institution", fixmedinsCode, $"{Designations.ToName(status)}: {reason}");
        return status;
    }
}
