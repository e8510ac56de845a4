using Yibao.Application.Supervision;
using Yibao.Server.Features.Supervision;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>3101 before-event analysis, 3102 in-event analysis and 3103 the doctor's decisions on their warnings.</summary>
internal static class SupervisionTransactions
{
    public static async Task<object?> AnalyseAsync(GatewayCall call, CancellationToken ct)
    {
        var analysis = SupervisionMessages.Analysis(call.Input.Block("data"), call.Institution, call.Calendar.Today);
        return SupervisionMessages.Result(analysis, GatewayCall.Expect(await call.Use<AnalyseClaimsHandler>().HandleAsync(analysis, ct)));
    }

    public static async Task<object?> FeedbackAsync(GatewayCall call, CancellationToken ct)
    {
        var recorded = GatewayCall.Expect(await call.Use<RecordWarningDecisionsHandler>().HandleAsync(SupervisionMessages.Decisions(call.Input.Block("data"), call.Institution.FixmedinsCode), ct));
        return new { recorded };
    }
}
