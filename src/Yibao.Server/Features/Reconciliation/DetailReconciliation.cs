using Yibao.Application.Reconciliation;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Reconciliation;

/// <summary>Detail reconciliation, natively: the same use case as the gateway's 3202.</summary>
internal static class DetailReconciliationEndpoint
{
    public static IEndpointRouteBuilder MapDetailReconciliation(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/institutions/{fixmedinsCode}/reconciliation/details", PostAsync)
            .WithTags("Reconciliation").WithName("ReconcileDetails")
            .WithSummary("Compares an institution's settlements of a period one by one with the platform's (3202)")
            .Produces<DetailReconciliationResponse>().ProducesProblem(400).ProducesProblem(403)
            .RequireInstitution();
        return app;
    }

    private static async Task<IResult> PostAsync(string fixmedinsCode, DetailReconciliationRequest? request, CallingInstitution calling, ReconcileDetailsHandler handler, CancellationToken ct)
    {
        if (InstitutionAccess.NotTheCaller(fixmedinsCode, calling) is { } forbidden)
        {
            return forbidden.ToResult();
        }

        if (request is not { From: { } from, To: { } to, MedfeeSumamt: { } medfee, FundPaySumamt: { } fund, CashPayamt: { } cash, Count: { } count, Details: { } details }
            || details.Any(d => d is not { SetlId.Length: > 0, MdtrtId.Length: > 0, PsnNo.Length: > 0, MedfeeSumamt: not null, FundPaySumamt: not null, AcctPay: not null }))
        {
            return HttpErrors.ValidationFailed.With("from, to, medfee_sumamt, fund_pay_sumamt, cash_payamt, count and details are required; each detail needs setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt and acct_pay.").ToResult();
        }

        var command = new ReconcileDetails(
            fixmedinsCode,
            from,
            to,
            request.ClearingArea,
            new StatedTotalsOfDetails(medfee, fund, cash, count),
            request.IncludesCancelled ?? false,
            details.Select(d => new StatedSettlement(d.SetlId!, d.MdtrtId!, d.PsnNo!, d.MedfeeSumamt!.Value, d.FundPaySumamt!.Value, d.AcctPay!.Value, d.Cancelled ?? false)).ToList());
        var result = await handler.HandleAsync(command, ct);
        return result.IsSuccess
            ? Results.Ok(new DetailReconciliationResponse(
                result.Value.Results.Select(r => new DetailResultResponse(r.SetlId, (int)r.Result, r.Memo)).ToList(),
                result.Value.PlatformOnly,
                result.Value.PlatformOnlyCount))
            : ApiError.From(result.Error).ToResult();
    }
}

/// <param name="IncludesCancelled">Whether <paramref name="Details"/> holds cancelled settlements too (flagged <c>cancelled</c>).</param>
public sealed record DetailReconciliationRequest(
    DateOnly? From,
    DateOnly? To,
    string? ClearingArea,
    decimal? MedfeeSumamt,
    decimal? FundPaySumamt,
    decimal? CashPayamt,
    int? Count,
    bool? IncludesCancelled,
    IReadOnlyList<StatedSettlementRequest>? Details);

public sealed record StatedSettlementRequest(string? SetlId, string? MdtrtId, string? PsnNo, decimal? MedfeeSumamt, decimal? FundPaySumamt, decimal? AcctPay, bool? Cancelled);

/// <param name="StmtRslt">0 agrees, 1 differs, 2 cancelled on the platform, 3 unknown to the platform.</param>
public sealed record DetailResultResponse(string SetlId, int StmtRslt, string Memo);

public sealed record DetailReconciliationResponse(IReadOnlyList<DetailResultResponse> Results, IReadOnlyList<PlatformOnlySettlement> PlatformOnly, int PlatformOnlyCount);
