using System.Text.Json;
using Yibao.Application.Designation;
using Yibao.Application.Visits;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>2201 register, 2202 cancel registration, 2203 visit and diagnosis info.</summary>
internal static class Registration
{
    public static async Task<object?> RegisterAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var person = await PersonInfo.IdentifiedAsync(call, data, ct);
        var (visitKind, onlineService) = ExpContentOf(data);
        var visit = GatewayCall.Expect(await call.Use<RegisterVisitHandler>().HandleAsync(
            new RegisterVisit(person.PsnNo, null, call.Institution.FixmedinsCode, MedType.GeneralOutpatient, null, visitKind, onlineService, data.OptionalTime("begntime", call.Calendar.Now.Offset), Identified: person),
            ct));
        return new { data = new RegistrationOutput(visit.MdtrtId, visit.PsnNo, data.OptionalText("ipt_otp_no", 30), new VisitExpContent(visit.VisitKind, visit.OnlineService, visit.Channel, visit.Filing)) };
    }

    /// <summary>
    /// The visit kind and the Internet+ service travel in <c>exp_content</c>, a JSON string (or object)
    /// such as <c>{"visit_kind":"followUp","online_service":"homeNursing"}</c>; absent means a follow-up consultation.
    /// </summary>
    private static (VisitKind? VisitKind, OnlineService? OnlineService) ExpContentOf(GatewayInput data)
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

            VisitKind? visitKind = null;
            if (Member(parsed.RootElement, "visit_kind") is { } kindName)
            {
                visitKind = CodeNames.TryParseVisitKind(kindName, out var kind) ? kind : throw new GatewayRefusal("exp_content.visit_kind is first or followUp.");
            }

            OnlineService? service = null;
            if (Member(parsed.RootElement, "online_service") is { } serviceName)
            {
                service = Designations.TryParseService(serviceName, out var parsedService) ? parsedService : throw new GatewayRefusal("exp_content.online_service is followUp, pharmacyClinic or homeNursing.");
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
        GatewayCall.Expect(await call.Use<CancelVisitHandler>().HandleAsync(new CancelVisit(data.Text("mdtrt_id", 40), call.Scope(data.Text("psn_no", 30))), ct));
        return null;
    }

    public static async Task<object?> VisitInfoAsync(GatewayCall call, CancellationToken ct)
    {
        var info = call.Input.Block("mdtrtinfo");
        GatewayCall.Expect(await call.Use<UpdateVisitInfoHandler>().HandleAsync(
            new UpdateVisitInfo(info.Text("mdtrt_id", 40), info.Text("med_type", 6), info.OptionalText("dise_codg", 20), call.Scope(info.Text("psn_no", 30))), ct));
        return null;
    }
}

internal sealed record RegistrationOutput(string MdtrtId, string PsnNo, string? IptOtpNo, VisitExpContent ExpContent);

/// <summary>2201's <c>data.exp_content</c>: how the platform registered the visit (the kind and Internet+ service read from the request's exp_content, the channel, the cross-region filing).</summary>
internal sealed record VisitExpContent(string VisitKind, string? OnlineService, string Channel, string Filing);
