using Yibao.Server.Infrastructure.Access;
using System.Text.Json;
using Yibao.Server.Features.Gateway;
using Yibao.Application.ECertificates;

namespace Yibao.Server.Features.ECertificate;

/// <summary>
/// The scanner's decode call: <c>POST /localcfc/api/hsecfc/localQrCodeQuery</c> with the same x-tif
/// authentication as the gateway and <c>{"data": {"qrCode", "businessType", "orgId", ...}}</c>;
/// answers <c>{"code": 0, "data": {"ecToken", "idNo", "idType", "userName", "insuOrg", ...}}</c>.
/// </summary>
internal static class DecodeEndpoint
{
    public const string Path = "/localcfc/api/hsecfc/localQrCodeQuery";
    public const string FacePath = "/localcfc/api/hsecfc/faceVerify";

    // The decode call names its fields in camelCase, as the national certificate platform does.
    private static readonly JsonSerializerOptions AsWritten = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = null };

    public static IEndpointRouteBuilder MapECertificateEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, DecodeAsync)
            .WithTags("Electronic certificate")
            .WithName("DecodeQrCode")
            .WithSummary("Decode a person's certificate QR code into an ecToken for this institution")
            .Accepts<object>("application/json");
        app.MapPost(FacePath, FaceAsync)
            .WithTags("Electronic certificate")
            .WithName("FaceVerify")
            .WithSummary("Record a real-person (face) check of an ecToken's holder; online settlement needs one")
            .Accepts<object>("application/json");
        PatientPages.Map(app);
        return app;
    }

    private static async Task<IResult> DecodeAsync(HttpContext http, TifAuthentication authentication, DecodeQrCodeHandler decode, AgencyCalendar calendar)
    {
        var ct = http.RequestAborted;
        try
        {
            var institution = await authentication.AuthenticateAsync(http.Request.Headers, ct);
            var input = await ReadDataAsync(http, institution, "qrCode, businessType, orgId");
            var decoded = await decode.HandleAsync(new DecodeQrCode(input.Text("qrCode", 400), input.Text("businessType", 10), institution), ct);
            if (!decoded.IsSuccess)
            {
                return Failure(decoded.Error.Message);
            }

            var (token, person) = decoded.Value;
            return Results.Json(
                new
                {
                    code = 0,
                    message = "success",
                    data = new
                    {
                        ecToken = token.EcToken,
                        idNo = person.Certno,
                        idType = "01",
                        userName = person.Name,
                        insuOrg = person.Area,
                        psnNo = person.PsnNo,
                        businessType = token.BusinessType,
                        expireTime = GatewayFormats.Time(DateTimeOffset.FromUnixTimeSeconds(token.ExpiresAt), calendar),
                    },
                },
                AsWritten);
        }
        catch (Exception refusal) when (refusal is GatewayRefusal or AccessRefusal)
        {
            return Failure(refusal.Message);
        }
    }

    private static async Task<IResult> FaceAsync(HttpContext http, TifAuthentication authentication, RecordFaceCheckHandler faceCheck)
    {
        var ct = http.RequestAborted;
        try
        {
            var institution = await authentication.AuthenticateAsync(http.Request.Headers, ct);
            var input = await ReadDataAsync(http, institution, "ecToken, orgId, faceData");
            var ecToken = input.Text("ecToken", 64);
            var checkedFace = await faceCheck.HandleAsync(new RecordFaceCheck(ecToken, institution, input.Text("faceData", 200_000)), ct);
            return checkedFace.IsSuccess
                ? Results.Json(new { code = 0, message = "success", data = new { ecToken, faceVerified = true } }, AsWritten)
                : Failure(checkedFace.Error.Message);
        }
        catch (Exception refusal) when (refusal is GatewayRefusal or AccessRefusal)
        {
            return Failure(refusal.Message);
        }
    }

    /// <summary>The <c>data</c> block of a certificate call, which must name the authenticated institution as <c>orgId</c>.</summary>
    private static async Task<GatewayInput> ReadDataAsync(HttpContext http, string institution, string fields)
    {
        var body = await GatewayEndpoint.ReadBodyAsync(http.Request, http.RequestAborted);
        JsonElement data;
        try
        {
            using var document = JsonDocument.Parse(body);
            data = document.RootElement.GetProperty("data").Clone();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new GatewayRefusal($"The body must be {{\"data\": {{{fields}}}}}.");
        }

        var input = new GatewayInput(data, "data");
        var orgId = input.Text("orgId", 30);
        return orgId == institution ? input : throw new GatewayRefusal($"orgId {orgId} is not the institution of this x-tif-paasid.");
    }

    private static IResult Failure(string message) => Results.Json(new { code = -1, message, data = (object?)null }, AsWritten);
}
