using Yibao.Domain;
using Yibao.Domain.Designation;

namespace Yibao.Application.Settlements.Checks;

/// <summary>An internet hospital's supplementary agreement must cover the service given and the disease treated.</summary>
public sealed class ServiceScopeCheck : ISettlementCheck
{
    public CheckPhase Phase => CheckPhase.BeforeComputing;

    public Task<DomainError?> CheckAsync(ClaimContext claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return Task.FromResult(claim.Institution is { IsInternet: true, Agreement: { } agreement }
            ? DesignationRules.CheckScope(agreement, claim.Service, claim.DiseaseCode)
            : null);
    }
}
