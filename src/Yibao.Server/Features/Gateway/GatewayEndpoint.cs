using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Server.Features.Gateway.Transactions;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Gateway;

/// <summary>
/// <c>POST /fsi/api/rsfComIfsService/callService</c>: the national interface's one URL. Every answer is
/// HTTP 200 with the response envelope; any failure is <c>infcode -1</c> with <c>err_msg</c>.
/// </summary>
internal static class GatewayEndpoint
{
    public const string Path = "/fsi/api/rsfComIfsService/callService";

    private static readonly Dictionary<string, Func<GatewayCall, CancellationToken, Task<object?>>> Transactions = new(StringComparer.Ordinal)
    {
        ["9001"] = SignIn.SignInAsync,
        ["9002"] = SignIn.SignOutAsync,
        ["1101"] = PersonInfo.QueryAsync,
        ["2201"] = Registration.RegisterAsync,
        ["2202"] = Registration.CancelAsync,
        ["2203"] = Registration.VisitInfoAsync,
        ["2204"] = Fees.UploadAsync,
        ["2205"] = Fees.CancelAsync,
        ["2206"] = Settlement.PreSettleAsync,
        ["2207"] = Settlement.SettleAsync,
        ["2208"] = Settlement.CancelAsync,
        ["2601"] = Settlement.ReverseAsync,
        ["5203"] = Settlement.QueryAsync,
        ["5206"] = Queries.AccumulationsAsync,
        ["3101"] = SupervisionTransactions.AnalyseAsync,
        ["3102"] = SupervisionTransactions.AnalyseAsync,
        ["3103"] = SupervisionTransactions.FeedbackAsync,
        ["3201"] = Statements.TotalsAsync,
        ["3202"] = Statements.DetailsAsync,
        ["3260"] = ClearingTransactions.DetailAsync,
        ["3261"] = ClearingTransactions.ConfirmAsync,
        ["3262"] = ClearingTransactions.RollBackAsync,
        ["1312"] = Queries.CatalogueAsync,
        ["6201"] = MobilePayment.OrderAsync,
        ["6203"] = MobilePayment.RefundAsync,
        ["6301"] = MobilePayment.QueryAsync,
        ["6401"] = MobilePayment.RevokeAsync,
        ["7201"] = Dispensing.DecodeAsync,
        ["7202"] = Dispensing.ListAsync,
        ["7203"] = Dispensing.DownloadAsync,
        ["7204"] = Dispensing.ReviewAsync,
        ["7205"] = Dispensing.DeliveryAsync,
        ["7206"] = Dispensing.WriteOffAsync,
    };

    public static IReadOnlyCollection<string> Infnos => Transactions.Keys;

    public static IEndpointRouteBuilder MapGatewayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync)
            .WithTags("National interface")
            .WithName("CallService")
            .WithSummary("The national interface envelope; infno picks the transaction (see spec/national-interface.md)")
            .Accepts<object>("application/json")
            .Produces<object>();
        return app;
    }

    /// <summary>The idempotency key of an institution's message: msgids are unique per institution.</summary>
    public static string MessageKey(string fixmedinsCode, string msgid) => $"gw:{fixmedinsCode}:{msgid}";

    public const string InternalErrorMessage = "Internal error: the platform could not process the transaction; it has been logged.";

    private static async Task<IResult> HandleAsync(HttpContext http, IServiceProvider services, AgencyCalendar calendar, IOptions<JsonOptions> json, ILogger<GatewayCall> logger)
    {
        var received = calendar.Now;
        var ct = http.RequestAborted;
        var authentication = services.GetRequiredService<TifAuthentication>();
        TifCaller? caller = null;
        try
        {
            var body = await ReadBodyAsync(http.Request, ct);
            caller = await authentication.VerifyAsync(http.Request.Headers, ct);
            using (var lease = services.GetRequiredService<InstitutionLimiter>().Acquire(caller.Paasid))
            {
                if (!lease.IsAcquired)
                {
                    throw new GatewayRefusal($"[{HttpErrors.RateLimited.Code}] Too many requests for credential {caller.Paasid}; slow down.");
                }
            }

            var request = GatewayEnvelope.Read(body);
            var institution = await Authorize(request, caller.FixmedinsCode, services.GetRequiredService<Application.Reference.ReferenceData>(), ct);
            var handler = Transactions.GetValueOrDefault(request.Infno) ?? throw new GatewayRefusal($"infno {request.Infno} is not a supported transaction.");
            var call = new GatewayCall(request, institution, calendar, services);
            var writes = services.GetRequiredService<IdempotentWrites>();
            var outcome = await writes.ExecuteAsync(
                MessageKey(caller.FixmedinsCode, request.Msgid),
                writes.Fingerprint(request.Infno, request.Input),
                caller,
                async token =>
                {
                    try
                    {
                        if (request.Infno != "9001")
                        {
                            await SignIn.RequireSignedInAsync(call, token);
                        }

                        return Reply.Ok(await handler(call, token) ?? new { });
                    }
                    catch (Exception refusal) when (refusal is GatewayRefusal or AccessRefusal)
                    {
                        return new ApiError(422, "gateway_refusal", refusal.Message);
                    }
                },
                reply => Serialize(Success(received, reply.Body, calendar, request.MdtrtareaAdmvs, services.GetRequiredService<Application.Supervision.ClaimFindings>().WarnMsg), json.Value),
                ct);
            // The nonce was saved with the stored response, or remembered on its own (a replayed one refuses the call).
            return outcome.Error is { } error
                ? Respond(Failure(received, error.Detail, calendar, request.MdtrtareaAdmvs), json.Value)
                : Results.Content(outcome.Body, "application/json", Encoding.UTF8);
        }
        catch (Exception refusal) when (refusal is GatewayRefusal or AccessRefusal)
        {
            return Respond(Failure(received, await RememberedAsync(authentication, caller, refusal.Message, ct) ?? refusal.Message, calendar, null), json.Value);
        }
        catch (DbUpdateException)
        {
            return Respond(Failure(received, "A concurrent transaction changed the same data; retry.", calendar, null), json.Value);
        }
        catch (Exception ex) when (Yibao.Storage.DbErrors.IsUnavailable(ex))
        {
            logger.LogWarning("Gateway transaction: the database is unavailable: {Reason}", ex.GetBaseException().Message);
            return Respond(Failure(received, $"[{HttpErrors.DatabaseUnavailable.Code}] The database cannot be reached; retry later.", calendar, null), json.Value);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug, not a refusal: HIS clients still get an envelope, the operators the stack trace.
            logger.LogError(ex, "Gateway transaction failed unexpectedly");
            return Respond(Failure(received, InternalErrorMessage, calendar, null), json.Value);
        }
    }

    /// <summary>
    /// The refusal to answer once a verified caller's nonce is remembered, which it is whatever the
    /// answer: <paramref name="message"/> (null: none), or the nonce's own refusal when it was used before.
    /// </summary>
    private static async Task<string?> RememberedAsync(TifAuthentication authentication, TifCaller? caller, string? message, CancellationToken ct)
    {
        if (caller is null)
        {
            return message;
        }

        try
        {
            await authentication.RememberAsync(caller, ct);
            return message;
        }
        catch (AccessRefusal replayed)
        {
            return replayed.Message;
        }
    }

    /// <summary>The envelope must speak for the authenticated institution, from its own area.</summary>
    private static async Task<Storage.Entities.InstitutionRow> Authorize(GatewayRequest request, string fixmedinsCode, Application.Reference.ReferenceData reference, CancellationToken ct)
    {
        if (request.FixmedinsCode != fixmedinsCode)
        {
            throw new GatewayRefusal($"fixmedins_code {request.FixmedinsCode} is not the institution of this x-tif-paasid.");
        }

        var institution = (await reference.InstitutionAsync(fixmedinsCode, ct))?.Row
            ?? throw new GatewayRefusal($"Institution {fixmedinsCode} is not designated.");
        return request.MdtrtareaAdmvs == institution.Area
            ? institution
            : throw new GatewayRefusal($"mdtrtarea_admvs {request.MdtrtareaAdmvs} is not the area of institution {fixmedinsCode} ({institution.Area}).");
    }

    /// <summary>The request body, bounded; a body the gateway cannot read is a refusal like any other.</summary>
    public static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await RequestBody.ReadTextAsync(request, GatewayEnvelope.MaxBody, ct);
        return body.IsSuccess ? body.Value : throw new GatewayRefusal(body.Error.Detail);
    }

    /// <param name="warnMsg">The supervision rules' warnings on the claim, if it was judged (2206, 2207).</param>
    private static GatewayResponse Success(DateTimeOffset received, object? output, AgencyCalendar calendar, string area, string? warnMsg) =>
        new(0, RefMsgId(area, calendar), Stamp(received), Stamp(calendar.Now), null, warnMsg is { Length: > 500 } ? warnMsg[..500] : warnMsg, output);

    private static GatewayResponse Failure(DateTimeOffset received, string message, AgencyCalendar calendar, string? area) =>
        new(-1, RefMsgId(area ?? "000000", calendar), Stamp(received), Stamp(calendar.Now), message.Length > 200 ? message[..200] : message, null, null);

    /// <summary><c>inf_refmsgid</c> = receiver area (6) + yyyyMMddHHmmss + a 10-digit sequence.</summary>
    private static string RefMsgId(string area, AgencyCalendar calendar) =>
        area + calendar.Now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + RandomNumberGenerator.GetInt32(0, int.MaxValue).ToString("D10", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset time) => time.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    private static string Serialize(GatewayResponse response, JsonOptions json) => JsonSerializer.Serialize(response, json.SerializerOptions);

    private static IResult Respond(GatewayResponse response, JsonOptions json) => Results.Content(Serialize(response, json), "application/json", Encoding.UTF8);
}
