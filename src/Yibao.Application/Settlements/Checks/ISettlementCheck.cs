using Yibao.Domain;

namespace Yibao.Application.Settlements.Checks;

/// <summary>
/// One named check of the settlement pipeline. Each decides for itself whether it applies to a claim
/// (a stage, a channel); supervision rules and prescription checks plug in the same way.
/// </summary>
public interface ISettlementCheck
{
    CheckPhase Phase { get; }

    /// <summary>Null when the claim passes; otherwise the refusal.</summary>
    Task<DomainError?> CheckAsync(ClaimContext claim, CancellationToken cancellationToken);
}

/// <summary>The checks in order; the first refusal stops the claim.</summary>
public sealed class SettlementChecks(IEnumerable<ISettlementCheck> checks)
{
    private readonly IReadOnlyList<ISettlementCheck> _checks = checks.ToList();

    public IReadOnlyList<ISettlementCheck> All => _checks;

    public async Task<DomainError?> RunAsync(CheckPhase phase, ClaimContext claim, CancellationToken cancellationToken)
    {
        foreach (var check in _checks)
        {
            if (check.Phase == phase && await check.CheckAsync(claim, cancellationToken) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }
}
