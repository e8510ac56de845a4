using Yibao.Application.Visits;
using Yibao.Server.Features.Visits;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>2204 fee detail upload (answers each line's split) and 2205 fee detail cancellation.</summary>
internal static class Fees
{
    public static async Task<object?> UploadAsync(GatewayCall call, CancellationToken ct)
    {
        var details = call.Input.List("feedetail");
        if (details.Count == 0)
        {
            throw new GatewayRefusal("input.feedetail holds no fee lines.");
        }

        var mdtrtIds = details.Select(d => d.Text("mdtrt_id", 40)).Distinct(StringComparer.Ordinal).ToList();
        if (mdtrtIds.Count != 1)
        {
            throw new GatewayRefusal("All fee lines of one upload belong to one visit (mdtrt_id).");
        }

        var psnNos = details.Select(d => d.Text("psn_no", 30)).Distinct(StringComparer.Ordinal).ToList();
        if (psnNos.Count != 1)
        {
            throw new GatewayRefusal($"Visit {mdtrtIds[0]} is not a visit of person {psnNos[1]}.");
        }

        var request = new UploadFeesRequest(details.Select(d => new FeeLineRequest(
            d.Text("feedetl_sn", 40),
            d.Text("med_list_codg", 50),
            d.OptionalText("medins_list_name", 200),
            d.Decimal("pric"),
            d.Decimal("cnt"),
            d.Decimal("det_item_fee_sumamt"))).ToList());
        var lines = VisitRequests.ToLines(request);
        if (!lines.IsSuccess)
        {
            var invalid = lines.Error;
            throw new GatewayRefusal($"[{invalid.Code}] {invalid.Detail} {string.Join("; ", invalid.Errors?.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}") ?? [])}".Trim());
        }

        var uploaded = GatewayCall.Expect(await call.Use<UploadFeesHandler>().HandleAsync(new UploadFees(mdtrtIds[0], lines.Value, call.Scope(psnNos[0])), ct));
        return new
        {
            result = uploaded.Select(u => new FeeDetailResult(
                u.Row.FeedetlSn, u.Row.Amount, u.Row.Qty, u.Row.Price, u.Row.PriceCap ?? 0m, u.Row.SelfpayProp,
                u.Row.Fulamt, u.Row.Over, u.Row.Pre, u.Row.Inscp, u.Row.ChrgitmLv, "", u.Memo)).ToList(),
        };
    }

    public static async Task<object?> CancelAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var mdtrtId = data.Text("mdtrt_id", 40);
        var scope = call.Scope(data.Text("psn_no", 30));
        if (data.Text("chrg_bchno", 30) != "0000")
        {
            throw new GatewayRefusal("chrg_bchno must be 0000 (withdraw every unsettled line); batches are not tracked separately.");
        }

        GatewayCall.Expect(await call.Use<CancelFeesHandler>().HandleAsync(new CancelFees(mdtrtId, scope), ct));
        return null;
    }
}

internal sealed record FeeDetailResult(
    string FeedetlSn,
    decimal DetItemFeeSumamt,
    decimal Cnt,
    decimal Pric,
    decimal PricUplmtAmt,
    decimal SelfpayProp,
    decimal FulamtOwnpayAmt,
    decimal OverlmtAmt,
    decimal PreselfpayAmt,
    decimal InscpScpAmt,
    string ChrgitmLv,
    string MedChrgitmType,
    string? Memo);
