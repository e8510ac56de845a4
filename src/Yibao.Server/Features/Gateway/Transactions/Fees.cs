using Yibao.Application.Visits;
using Yibao.Domain.Catalogues;
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
            d.Decimal("det_item_fee_sumamt"),
            d.OptionalText("rxno", 30),
            d.Flag("rx_circ_flag"))).ToList());
        var lines = VisitRequests.ToLines(request);
        if (!lines.IsSuccess)
        {
            var invalid = lines.Error;
            throw new GatewayRefusal($"[{invalid.Code}] {invalid.Detail} {string.Join("; ", invalid.Errors?.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}") ?? [])}".Trim());
        }

        var uploaded = GatewayCall.Expect(await call.Use<UploadFeesHandler>().HandleAsync(new UploadFees(mdtrtIds[0], lines.Value, call.Scope(psnNos[0])), ct));
        return new { result = uploaded.Select(Result).ToList() };
    }

    /// <summary>
    /// One line's answer. The flags come from the catalogue entry (an uncatalogued line has none):
    /// <c>lmt_used_flag</c> is 1 when the entry carries a restricted-use scope, which then applied to
    /// the line; <c>drt_reim_flag</c> is 1 when the fund can pay part of the line (its eligible
    /// amount is above zero), 0 when it is the person's in full.
    /// </summary>
    private static FeeDetailResult Result(UploadedLine u)
    {
        var (row, entry) = (u.Row, u.Entry);
        var marks = entry?.Marks ?? CatalogueMarks.None;
        var expContent = new Dictionary<string, string>(StringComparer.Ordinal);
        if (row.Rxno is { } rxno)
        {
            expContent["rxno"] = rxno;
            expContent["rx_circ_flag"] = Flag(row.RxCircFlag);
        }

        if (entry?.RestrictedUse is { } restricted)
        {
            expContent["lmt_used_scope"] = restricted;
        }

        return new FeeDetailResult(
            row.FeedetlSn, row.Amount, row.Qty, row.Price, row.PriceCap ?? 0m, row.SelfpayProp,
            row.Fulamt, row.Over, row.Pre, row.Inscp, row.ChrgitmLv, entry?.MedChrgitmType ?? "14",
            Flag(marks.HasFlag(CatalogueMarks.EssentialMedicine)),
            Flag(marks.HasFlag(CatalogueMarks.NegotiatedDrug)),
            Flag(marks.HasFlag(CatalogueMarks.ChildMedicine)),
            Flag(marks.HasFlag(CatalogueMarks.SpecialItem)),
            Flag(entry?.RestrictedUse is not null),
            Flag(row.Inscp > 0m),
            u.Memo,
            expContent);
    }

    private static string Flag(bool value) => value ? "1" : "0";

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
    string BasMednFlag,
    string HiNegoDrugFlag,
    string ChldMedcFlag,
    string ListSpItemFlag,
    string LmtUsedFlag,
    string DrtReimFlag,
    string? Memo,
    IReadOnlyDictionary<string, string> ExpContent);
