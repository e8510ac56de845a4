using Yibao.Domain;
using Yibao.Domain.Designation;

namespace Yibao.Application.Settlements.Checks;

/// <summary>
/// May this institution give insurance-covered care on this date? Asked at registration and again at
/// every (pre-)settlement, so that a suspension applies at once, also to visits already open.
/// </summary>
public sealed class DesignationCheck : ISettlementCheck
{
    public CheckPhase Phase => CheckPhase.BeforeComputing;

    public Task<DomainError?> CheckAsync(ClaimContext claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var institution = claim.Institution;
        return Task.FromResult(institution.IsInternet
            ? DesignationRules.CheckInternetHospital(
                institution.Row.FixmedinsCode,
                institution.Status,
                institution.Row.ReliesOn ?? "",
                institution.PhysicalStatus ?? AgreementStatus.Ended,
                institution.Agreement,
                claim.VisitDate)
            : DesignationRules.CheckInstitution(institution.Row.FixmedinsCode, institution.Status));
    }
}
