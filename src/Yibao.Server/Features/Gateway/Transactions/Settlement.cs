using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Settlements;
using Yibao.Application.Settlements.Checks;
using Yibao.Domain.Lifecycles;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>2206 pre-settlement, 2207 settlement, 2208 cancellation, 2601 reversal, 5203 query.</summary>
internal static class Settlement
{
    public static async Task<object?> PreSettleAsync(GatewayCall call, CancellationToken ct)
    {
        var (data, person, terms) = await ClaimAsync(call, new StatedTotals(call.Input.Block("data").Decimal("medfee_sumamt")), ct);
        var settled = GatewayCall.Expect(await call.Use<PreSettleVisitHandler>().HandleAsync(new PreSettleVisit(data.Text("mdtrt_id", 40), terms, call.Scope(person.PsnNo)), ct));
        return SetlOutput.Of(settled, null, person, terms.Proof!.CertType!, call, call.Calendar.Now);
    }

    public static async Task<object?> SettleAsync(GatewayCall call, CancellationToken ct)
    {
        // The HIS states the totals it expects; a settlement that does not add up with them is refused, whole.
        var input = call.Input.Block("data");
        var stated = new StatedTotals(
            input.Decimal("medfee_sumamt"),
            input.OptionalDecimal("fulamt_ownpay_amt"),
            input.OptionalDecimal("overlmt_selfpay"),
            input.OptionalDecimal("preselfpay_amt"),
            input.OptionalDecimal("inscp_scp_amt"));
        var (data, person, terms) = await ClaimAsync(call, stated, ct);
        var settled = GatewayCall.Expect(await call.Use<SettleVisitHandler>().HandleAsync(new SettleVisit(data.Text("mdtrt_id", 40), terms, call.Scope(person.PsnNo)), ct));
        return SetlOutput.Of(settled, settled.SetlId, person, terms.Proof!.CertType!, call, settled.SettledAt);
    }

    /// <summary>
    /// What 2206 and 2207 share: the person named and identified by the certificate, and the terms of
    /// the claim — with the medical type the HIS names, which becomes the visit's (an implicit 2203).
    /// </summary>
    private static async Task<(GatewayInput Data, PersonRow Person, ClaimTerms Terms)> ClaimAsync(GatewayCall call, StatedTotals stated, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var person = await PersonInfo.IdentifiedAsync(call, data, ct);
        var proof = new PersonProof(data.Text("mdtrt_cert_type", 3), data.Text("mdtrt_cert_no", 64));
        return (data, person, new ClaimTerms(UseAccount(data), proof, stated, data.Text("med_type", 6)));
    }

    private static bool UseAccount(GatewayInput data) => data.OptionalText("acct_used_flag", 1) != "0";

    public static async Task<object?> CancelAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var settlement = GatewayCall.Expect(await call.Use<GetSettlementHandler>().HandleAsync(new GetSettlement(data.Text("setl_id", 40), call.Institution.FixmedinsCode), ct));
        if (settlement.MdtrtId != data.Text("mdtrt_id", 40) || settlement.PsnNo != data.Text("psn_no", 30))
        {
            throw new GatewayRefusal($"Settlement {settlement.SetlId} does not belong to that visit and person.");
        }

        var cancelled = GatewayCall.Expect(await call.Use<CancelSettlementHandler>().HandleAsync(new CancelSettlement(settlement.SetlId, call.Institution.FixmedinsCode), ct));
        var person = await PersonInfo.NamedAsync(call, settlement.PsnNo, ct);
        return SetlOutput.Of(cancelled.Settlement, cancelled.Settlement.SetlId, person, "", call, cancelled.CancelledAt, negate: true);
    }

    public static async Task<object?> QueryAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var settlement = GatewayCall.Expect(await call.Use<GetSettlementHandler>().HandleAsync(new GetSettlement(data.Text("setl_id", 40), call.Institution.FixmedinsCode), ct));
        if (settlement.PsnNo != data.Text("psn_no", 30) || (data.OptionalText("mdtrt_id", 40) is { } mdtrtId && mdtrtId != settlement.MdtrtId))
        {
            throw new GatewayRefusal($"Settlement {settlement.SetlId} does not belong to that visit and person.");
        }

        var person = await PersonInfo.NamedAsync(call, settlement.PsnNo, ct);
        return SetlOutput.Of(settlement, settlement.SetlId, person, "", call, settlement.SettledAt);
    }

    /// <summary>
    /// 2601: reverses the transaction sent as <c>omsgid</c> — a 2207 is cancelled, a 2208 undone.
    /// An original the platform never processed has nothing to reverse, which is a success.
    /// </summary>
    public static async Task<object?> ReverseAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var psnNo = data.Text("psn_no", 30);
        var oinfno = data.Text("oinfno", 4);
        if (oinfno is not ("2207" or "2208"))
        {
            throw new GatewayRefusal("Only 2207 (settlement) and 2208 (cancellation) can be reversed with 2601.");
        }

        var original = await call.Use<YibaoDbContext>().ProcessedMessages.AsNoTracking()
            .FirstOrDefaultAsync(m => m.MsgId == GatewayEndpoint.MessageKey(call.Institution.FixmedinsCode, data.Text("omsgid", 30)), ct);
        if (original is null)
        {
            return null;
        }

        var setlId = SetlIdOf(original.ResponseBody, oinfno);
        var institution = call.Institution.FixmedinsCode;
        var settlement = GatewayCall.Expect(await call.Use<GetSettlementHandler>().HandleAsync(new GetSettlement(setlId, institution), ct));
        if (settlement.PsnNo != psnNo)
        {
            throw new GatewayRefusal($"The original message did not concern person {psnNo}.");
        }

        if (oinfno == "2207" && settlement.Status == SettlementStatus.Settled)
        {
            GatewayCall.Expect(await call.Use<CancelSettlementHandler>().HandleAsync(new CancelSettlement(setlId, institution), ct));
        }
        else if (oinfno == "2208" && settlement.Status == SettlementStatus.Cancelled)
        {
            GatewayCall.Expect(await call.Use<RestoreSettlementHandler>().HandleAsync(new RestoreSettlement(setlId, institution), ct));
        }

        return null;
    }

    private static string SetlIdOf(string storedEnvelope, string oinfno)
    {
        using var envelope = JsonDocument.Parse(storedEnvelope);
        return envelope.RootElement.TryGetProperty("output", out var output)
               && output.TryGetProperty("setlinfo", out var setlinfo)
               && setlinfo.TryGetProperty("setl_id", out var setlId)
               && setlId.GetString() is { } id
            ? id
            : throw new GatewayRefusal($"The original message is not a {oinfno} with a settlement.");
    }
}
