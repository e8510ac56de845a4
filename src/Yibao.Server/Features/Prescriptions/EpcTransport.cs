using System.Text.Json;
using System.Text.Json.Nodes;
using Yibao.Application;
using Yibao.Application.Prescriptions;
using Yibao.Domain;
using Yibao.Server.Infrastructure;
using Yibao.Storage;

namespace Yibao.Server.Features.Prescriptions;

/// <summary>
/// <c>POST /epc/api/fixmedins/{transaction}</c> on the national transport: the body is opened (the
/// app known, its signature verified, its data decrypted), the transaction runs for the app's
/// institution, and the answer goes back sealed the same way, signed with the platform's key (its
/// certificate is <c>GET /epc/api/ca</c>). A refusal answers problem+json with its code.
/// </summary>
internal static class EpcTransport
{
    private const int MaxBody = 8 * 1024 * 1024;

    public static async Task<IResult> HandleAsync(string transaction, HttpContext http, EpcApps apps, SigningAuthority authority, YibaoDbContext db, WriteGate gate, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        if (body.Length > MaxBody)
        {
            return ApiError.From(EpcErrors.Malformed.With("the body is too large")).ToResult();
        }

        if (http.Request.Headers.ContainsKey("x-tif-paasid"))
        {
            return await PlainAsync(transaction, body, http);
        }

        var appId = ParseObject(body) is { } envelope ? Text(envelope, "appId") : null;
        var found = appId is null ? null : await apps.FindAsync(appId, http.RequestAborted);
        var opened = EpcEnvelope.Open(body, id => found is { } f && f.App.AppId == id ? f.App : null);
        if (!opened.IsSuccess)
        {
            return ApiError.From(opened.Error).ToResult();
        }

        var (app, fixmedinsCode) = found!.Value;

        // The app's budget, spent only once its signature verified (a forger cannot spend another's).
        using var lease = http.RequestServices.GetRequiredService<Infrastructure.Access.InstitutionLimiter>().Acquire("epc:" + app.AppId);
        if (!lease.IsAcquired)
        {
            await Infrastructure.Access.RateLimits.TooManyAsync(http, lease, $"Too many requests for app {app.AppId}; slow down.");
            return Results.Empty;
        }

        if (ParseObject(opened.Value.Data) is not { } data)
        {
            return ApiError.From(EpcErrors.Malformed.With("encData holds no JSON object")).ToResult();
        }

        var output = await RunAsync(transaction, fixmedinsCode, data, http.RequestServices, http.RequestAborted);
        if (!output.IsSuccess)
        {
            return ApiError.From(output.Error).ToResult();
        }

        // The platform's key is made the first time it is needed, and kept; after that it is only read.
        var platform = await authority.PlatformAsync(http.RequestAborted);
        if (db.ChangeTracker.HasChanges())
        {
            using var entered = await gate.EnterAsync(db, http.RequestAborted);
            await db.SaveChangesAsync(http.RequestAborted);
        }

        var answer = JsonSerializer.Serialize(new { code = 0, message = "success", data = output.Value }, Answers);
        var sealedAnswer = EpcEnvelope.Seal(app.AppId, app.AppSecret, authority.PrivateKey(platform), answer, clock.GetUtcNow().ToUnixTimeMilliseconds());
        return Results.Text(sealedAnswer, "application/json");
    }

    /// <summary>
    /// The development transport the spec allows: plain JSON (<c>{"data": {...}}</c>) with the
    /// gateway's <c>x-tif-*</c> signature headers, the same transactions, a plain answer.
    /// </summary>
    private static async Task<IResult> PlainAsync(string transaction, string body, HttpContext http)
    {
        var authentication = http.RequestServices.GetRequiredService<Infrastructure.Access.TifAuthentication>();
        Infrastructure.Access.TifCaller caller;
        try
        {
            caller = await authentication.VerifyAsync(http.Request.Headers, http.RequestAborted);
            await authentication.RememberAsync(caller, http.RequestAborted);
        }
        catch (Infrastructure.Access.AccessRefusal refusal)
        {
            return Infrastructure.Access.InstitutionAccess.Unauthenticated(refusal.Message).ToResult();
        }

        using var lease = http.RequestServices.GetRequiredService<Infrastructure.Access.InstitutionLimiter>().Acquire(caller.Paasid);
        if (!lease.IsAcquired)
        {
            await Infrastructure.Access.RateLimits.TooManyAsync(http, lease, $"Too many requests for credential {caller.Paasid}; slow down.");
            return Results.Empty;
        }

        if (ParseObject(body)?["data"] is not JsonObject input)
        {
            return ApiError.From(EpcErrors.Malformed.With("the plain body is {\"data\": {...}}")).ToResult();
        }

        var output = await RunAsync(transaction, caller.FixmedinsCode, input, http.RequestServices, http.RequestAborted);
        return output.IsSuccess ? Results.Json(new { code = 0, message = "success", data = output.Value }, Answers) : ApiError.From(output.Error).ToResult();
    }

    /// <summary>The transaction, for the calling institution, whichever transport brought it.</summary>
    private static async Task<Result<object>> RunAsync(string transaction, string fixmedinsCode, JsonObject input, IServiceProvider services, CancellationToken ct)
    {
        T Use<T>()
            where T : notnull => services.GetRequiredService<T>();
        return transaction switch
        {
            "circDrugQuery" => (await Use<QueryCirculatingDrugsHandler>().HandleAsync(new QueryCirculatingDrugs(fixmedinsCode, Text(input, "keyWords") ?? Text(input, "medListCodg"), Int(input, "pageNo", 1), Int(input, "pageSize", 20)), ct)).Map(r => (object)r),
            "uploadChk" => (await Use<PrecheckPrescriptionHandler>().HandleAsync(new PrecheckPrescription(fixmedinsCode, input), ct))
                .Map(r => (object)new { r.RxTraceCode, r.HiRxno, ValiEndTime = Gateway.GatewayFormats.Time(r.ValiEndTime, Use<AgencyCalendar>()) }),
            "rxFixmedinsSign" => (await Use<SignPrescriptionHandler>().HandleAsync(new SignPrescription(fixmedinsCode, Text(input, "originalValue") ?? "", Text(input, "originalRxFile") ?? ""), ct))
                .Map(r => (object)new { r.RxFile, r.SignDigest, r.SignCertSn, r.SignCertDn }),
            "rxFileUpld" => (await Use<UploadPrescriptionHandler>().HandleAsync(new UploadPrescription(fixmedinsCode, input), ct)).Map(r => (object)r),
            "rxUndo" => (await Use<RevokePrescriptionHandler>().HandleAsync(new RevokePrescription(fixmedinsCode, Text(input, "hiRxno") ?? "", Text(input, "drCode"), Text(input, "undoDrName"), Text(input, "undoRea")), ct)).Map(r => (object)r),
            "hospRxDetlQuery" or "rxChkInfoQuery" or "rxSetlInfoQuery" =>
                (await Use<GetPrescriptionHandler>().HandleAsync(new GetPrescription(Text(input, "hiRxno") ?? "", Viewer.Institution(fixmedinsCode, "epc")), ct)).Map(view => EpcOutputs.Query(transaction, view, Use<AgencyCalendar>())),
            _ => EpcErrors.UnknownTransaction.With($"{transaction} is not an e-prescription transaction here"),
        };
    }

    private static readonly JsonSerializerOptions Answers = new(JsonSerializerDefaults.Web);

    private static JsonObject? ParseObject(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject json, string name) => json[name] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static int Int(JsonObject json, string name, int fallback) =>
        json[name] is JsonValue v && (v.TryGetValue<int>(out var n) || (v.TryGetValue<string>(out var s) && int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out n))) ? n : fallback;
}
