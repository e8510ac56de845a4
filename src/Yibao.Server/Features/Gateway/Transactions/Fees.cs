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

        var visit = await call.OwnVisitAsync(mdtrtIds[0], ct);
        foreach (var detail in details)
        {
            Registration.CheckPerson(visit, detail.Text("psn_no", 30));
        }

        var request = new UploadFeesRequest(details.Select(d => new FeeLineRequest(
            d.Text("feedetl_sn", 40),
            d.Text("med_list_codg", 50),
            d.OptionalText("medins_list_name", 200),
            d.Decimal("pric"),
            d.Decimal("cnt"),
            d.Decimal("det_item_fee_sumamt"))).ToList());
        if (UploadFees.Validate(request) is { } invalid)
        {
            throw new GatewayRefusal($"[{invalid.Code}] {invalid.Detail} {string.Join("; ", invalid.Errors?.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}") ?? [])}".Trim());
        }

        var uploaded = GatewayCall.Expect<UploadFeesResponse>(await UploadFees.UploadAsync(visit.MdtrtId, request.Lines!, call.Db, call.Reference, call.Calendar, ct));
        return new
        {
            result = uploaded.Lines.Select((l, i) => new FeeDetailResult(
                l.FeedetlSn, l.Amount, request.Lines![i].Qty!.Value, request.Lines[i].Price!.Value, l.PricUplmtAmt ?? 0m, l.SelfpayProp,
                l.FulamtOwnpayAmt, l.OverlmtAmt, l.PreselfpayAmt, l.InscpScpAmt, l.ChrgitmLv, "", l.Memo)).ToList(),
        };
    }

    public static async Task<object?> CancelAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var visit = await call.OwnVisitAsync(data.Text("mdtrt_id", 40), ct);
        Registration.CheckPerson(visit, data.Text("psn_no", 30));
        if (data.Text("chrg_bchno", 30) != "0000")
        {
            throw new GatewayRefusal("chrg_bchno must be 0000 (withdraw every unsettled line); batches are not tracked separately.");
        }

        GatewayCall.Expect<CancelFeesResponse>(await CancelFees.CancelCoreAsync(visit.MdtrtId, call.Db, call.Calendar, ct));
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
