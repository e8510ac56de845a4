using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Codes;
using Yibao.Server.Features.Settlements;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>2206 pre-settlement, 2207 settlement, 2208 cancellation, 2601 reversal, 5203 query.</summary>
internal static class Settlement
{
    public static Task<object?> PreSettleAsync(GatewayCall call, CancellationToken ct) => SettleAsync(call, commit: false, ct);

    public static Task<object?> SettleAsync(GatewayCall call, CancellationToken ct) => SettleAsync(call, commit: true, ct);

    private static async Task<object?> SettleAsync(GatewayCall call, bool commit, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var visit = await call.OwnVisitAsync(data.Text("mdtrt_id", 40), ct, track: true);
        var person = await call.PersonAsync(data.Text("psn_no", 30), ct);
        Registration.CheckPerson(visit, person.PsnNo);
        if (data.Text("insutype", 6) != person.Insutype)
        {
            throw new GatewayRefusal($"[insutype_mismatch] Person {person.PsnNo} is insured under {person.Insutype}.");
        }

        var certType = data.Text("mdtrt_cert_type", 3);
        if ((await PersonInfo.IdentifyAsync(call, certType, data.Text("mdtrt_cert_no", 50), data.OptionalText("card_sn", 50), ct)).PsnNo != person.PsnNo)
        {
            throw new GatewayRefusal("mdtrt_cert_no identifies another person than psn_no.");
        }

        // HIS systems often skip 2203 and name the medical type here: it is the visit's from now on.
        var medType = data.Text("med_type", 6);
        if (!MedType.TryGetBenefitKind(medType, out _))
        {
            throw new GatewayRefusal($"[unknown_med_type] med_type {medType} is not one of 11, 14, 21, 41.");
        }

        if (visit.Status == VisitStatus.Registered && visit.MedType != medType)
        {
            visit.MedType = medType;
            await call.Db.SaveChangesAsync(ct);
        }

        var useAccount = data.OptionalText("acct_used_flag", 1) != "0";
        var settled = commit
            ? GatewayCall.Expect<SettlementResponse>(await SettleVisit.SettleCoreAsync(
                visit.MdtrtId, useAccount, call.Db, call.Preparation, call.Calendar, ct, SettleVisit.Identified(call.Certificates, certType, data.Text("mdtrt_cert_no", 64))))
            : GatewayCall.Expect(await SettleVisit.PreSettleCoreAsync(visit.MdtrtId, useAccount, call.Db, call.Preparation, call.Calendar, ct));

        // The HIS states the totals it expects; a settlement that does not add up with them is refused, whole.
        CheckStated(data, "medfee_sumamt", settled.MedfeeSumamt, required: true);
        if (commit)
        {
            CheckStated(data, "fulamt_ownpay_amt", settled.FulamtOwnpayAmt, required: false);
            CheckStated(data, "overlmt_selfpay", settled.OverlmtSelfpay, required: false);
            CheckStated(data, "preselfpay_amt", settled.PreselfpayAmt, required: false);
            CheckStated(data, "inscp_scp_amt", settled.InscpScpAmt, required: false);
        }

        return SetlOutput.Of(settled, person, certType, call, settled.SetlTime ?? call.Calendar.Now);
    }

    private static void CheckStated(GatewayInput data, string name, decimal computed, bool required)
    {
        var stated = required ? data.Decimal(name) : data.OptionalDecimal(name);
        if (stated is { } value && value != computed)
        {
            throw new GatewayRefusal($"[amount_mismatch] {name} {value:0.00} differs from the platform's {computed:0.00}: upload and pre-settle again.");
        }
    }

    public static async Task<object?> CancelAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var settlement = await call.OwnSettlementAsync(data.Text("setl_id", 40), ct);
        if (settlement.MdtrtId != data.Text("mdtrt_id", 40) || settlement.PsnNo != data.Text("psn_no", 30))
        {
            throw new GatewayRefusal($"Settlement {settlement.SetlId} does not belong to that visit and person.");
        }

        var cancelled = GatewayCall.Expect<CancelSettlementResponse>(await CancelSettlement.CancelCoreAsync(settlement.SetlId, call.Db, call.Calendar, ct));
        var person = await call.PersonAsync(settlement.PsnNo, ct);
        var reversing = SettleVisit.ToResponse(settlement, call.Calendar) with { Status = cancelled.Status };
        return SetlOutput.Of(reversing, person, "", call, cancelled.CancelTime, negate: true);
    }

    public static async Task<object?> QueryAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var settlement = await call.OwnSettlementAsync(data.Text("setl_id", 40), ct);
        if (settlement.PsnNo != data.Text("psn_no", 30) || (data.OptionalText("mdtrt_id", 40) is { } mdtrtId && mdtrtId != settlement.MdtrtId))
        {
            throw new GatewayRefusal($"Settlement {settlement.SetlId} does not belong to that visit and person.");
        }

        var person = await call.PersonAsync(settlement.PsnNo, ct);
        return SetlOutput.Of(SettleVisit.ToResponse(settlement, call.Calendar), person, "", call, settlement.SettledAt);
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

        var original = await call.Db.ProcessedMessages.AsNoTracking()
            .FirstOrDefaultAsync(m => m.MsgId == GatewayEndpoint.MessageKey(call.Institution.FixmedinsCode, data.Text("omsgid", 30)), ct);
        if (original is null)
        {
            return null;
        }

        var setlId = SetlIdOf(original.ResponseBody, oinfno);
        var settlement = await call.OwnSettlementAsync(setlId, ct);
        if (settlement.PsnNo != psnNo)
        {
            throw new GatewayRefusal($"The original message did not concern person {psnNo}.");
        }

        if (oinfno == "2207" && settlement.Status == SettlementStatus.Settled)
        {
            GatewayCall.Expect<CancelSettlementResponse>(await CancelSettlement.CancelCoreAsync(setlId, call.Db, call.Calendar, ct));
        }
        else if (oinfno == "2208" && settlement.Status == SettlementStatus.Cancelled)
        {
            GatewayCall.Expect<SettlementResponse>(await RestoreSettlement.RestoreCoreAsync(setlId, call.Db, call.Calendar, ct));
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
