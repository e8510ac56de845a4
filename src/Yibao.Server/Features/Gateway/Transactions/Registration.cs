using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Codes;
using Yibao.Server.Features.Visits;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>2201 register, 2202 cancel registration, 2203 visit and diagnosis info.</summary>
internal static class Registration
{
    public static async Task<object?> RegisterAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var person = await call.PersonAsync(data.Text("psn_no", 30), ct);
        if (data.Text("insutype", 6) != person.Insutype)
        {
            throw new GatewayRefusal($"[insutype_mismatch] Person {person.PsnNo} is insured under {person.Insutype}.");
        }

        var identified = await PersonInfo.IdentifyAsync(call, data.Text("mdtrt_cert_type", 3), data.Text("mdtrt_cert_no", 50), data.OptionalText("card_sn", 50), ct);
        if (identified.PsnNo != person.PsnNo)
        {
            throw new GatewayRefusal("mdtrt_cert_no identifies another person than psn_no.");
        }

        var (visitKind, onlineService) = ExpContentOf(data);
        var visit = GatewayCall.Expect<VisitResponse>(await Visits.RegisterVisit.RegisterAsync(
            new RegisterVisitRequest(person.PsnNo, null, call.Institution.FixmedinsCode, MedType.GeneralOutpatient, null, visitKind, data.OptionalTime("begntime", call.Calendar.Now.Offset), null, onlineService),
            call.Db, call.Reference, call.Calendar, ct));
        return new { data = new RegistrationOutput(visit.MdtrtId, visit.PsnNo, data.OptionalText("ipt_otp_no", 30)) };
    }

    /// <summary>
    /// The visit kind and the Internet+ service travel in <c>exp_content</c>, a JSON string (or object)
    /// such as <c>{"visit_kind":"followUp","online_service":"homeNursing"}</c>; absent means a follow-up consultation.
    /// </summary>
    private static (string? VisitKind, string? OnlineService) ExpContentOf(GatewayInput data)
    {
        if (!data.Element.TryGetProperty("exp_content", out var content) || content.ValueKind == JsonValueKind.Null
            || (content.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(content.GetString())))
        {
            return (null, null);
        }

        try
        {
            using var parsed = content.ValueKind == JsonValueKind.String ? JsonDocument.Parse(content.GetString()!) : JsonDocument.Parse(content.GetRawText());
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException();
            }

            var visitKind = Member(parsed.RootElement, "visit_kind");
            var service = Member(parsed.RootElement, "online_service");
            if (visitKind is not null && !CodeNames.TryParseVisitKind(visitKind, out _))
            {
                throw new GatewayRefusal("exp_content.visit_kind is first or followUp.");
            }

            if (service is not null && !Storage.Designation.Designations.TryParseService(service, out _))
            {
                throw new GatewayRefusal("exp_content.online_service is followUp, pharmacyClinic or homeNursing.");
            }

            return (visitKind, service);
        }
        catch (JsonException)
        {
            throw new GatewayRefusal("exp_content must be a JSON object, e.g. {\"visit_kind\":\"followUp\"}.");
        }
    }

    private static string? Member(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static async Task<object?> CancelAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var visit = await call.OwnVisitAsync(data.Text("mdtrt_id", 40), ct, track: true);
        CheckPerson(visit, data.Text("psn_no", 30));
        if (visit.Status != VisitStatus.Registered)
        {
            throw new GatewayRefusal($"Visit {visit.MdtrtId} is {visit.Status}: cancel its settlement (2208) first.");
        }

        visit.Status = VisitStatus.Cancelled;
        await call.Db.FeeLines.Where(l => l.MdtrtId == visit.MdtrtId && !l.Cancelled).ExecuteUpdateAsync(l => l.SetProperty(x => x.Cancelled, true), ct);
        Storage.Audit.Record(call.Db, call.Calendar.Clock.GetUtcNow(), call.Institution.FixmedinsCode, "visit.cancel", "visit", visit.MdtrtId);
        return null;
    }

    public static async Task<object?> VisitInfoAsync(GatewayCall call, CancellationToken ct)
    {
        var info = call.Input.Block("mdtrtinfo");
        var visit = await call.OwnVisitAsync(info.Text("mdtrt_id", 40), ct, track: true);
        CheckPerson(visit, info.Text("psn_no", 30));
        if (visit.Status != VisitStatus.Registered)
        {
            throw new GatewayRefusal($"Visit {visit.MdtrtId} is {visit.Status}.");
        }

        var medType = info.Text("med_type", 6);
        if (!MedType.TryGetBenefitKind(medType, out _))
        {
            throw new GatewayRefusal($"[unknown_med_type] med_type {medType} is not one of 11, 14, 21, 41.");
        }

        visit.MedType = medType;
        visit.DiseaseCode = info.OptionalText("dise_codg", 20) ?? visit.DiseaseCode;
        Storage.Audit.Record(call.Db, call.Calendar.Clock.GetUtcNow(), call.Institution.FixmedinsCode, "visit.info", "visit", visit.MdtrtId, $"med_type {medType}");
        return null;
    }

    public static void CheckPerson(VisitRow visit, string psnNo)
    {
        if (visit.PsnNo != psnNo)
        {
            throw new GatewayRefusal($"Visit {visit.MdtrtId} is not a visit of person {psnNo}.");
        }
    }
}

internal sealed record RegistrationOutput(string MdtrtId, string PsnNo, string? IptOtpNo);
