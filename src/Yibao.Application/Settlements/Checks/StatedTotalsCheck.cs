using Yibao.Domain;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlements.Checks;

/// <summary>The totals the institution states must be the platform's, to the cent; otherwise nothing settles.</summary>
public sealed class StatedTotalsCheck : ISettlementCheck
{
    public CheckPhase Phase => CheckPhase.AfterComputing;

    public Task<DomainError?> CheckAsync(ClaimContext claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim is not { Stated: { } stated, Result: { } result })
        {
            return Task.FromResult<DomainError?>(null);
        }

        return Task.FromResult(
            Differs("medfee_sumamt", stated.MedfeeSumamt, result.MedfeeSumamt)
            ?? Differs("fulamt_ownpay_amt", stated.FulamtOwnpayAmt, result.FulamtOwnpayAmt)
            ?? Differs("overlmt_selfpay", stated.OverlmtSelfpay, result.OverlmtSelfpay)
            ?? Differs("preselfpay_amt", stated.PreselfpayAmt, result.PreselfpayAmt)
            ?? Differs("inscp_scp_amt", stated.InscpScpAmt, result.InscpScpAmt));
    }

    private static DomainError? Differs(string name, decimal? stated, decimal computed) =>
        stated is { } value && value != computed
            ? SettlementErrors.AmountMismatchCode.With($"{name} {value:0.00} differs from the platform's {computed:0.00}: upload and pre-settle again.")
            : null;
}
