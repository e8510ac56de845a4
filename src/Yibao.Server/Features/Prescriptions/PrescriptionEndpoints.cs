using Yibao.Application.Prescriptions;
using Yibao.Server.Infrastructure;

namespace Yibao.Server.Features.Prescriptions;

/// <summary>The e-prescription platform's doors under <c>/epc/api</c>.</summary>
internal static class PrescriptionEndpoints
{
    public static IEndpointRouteBuilder MapPrescriptions(this IEndpointRouteBuilder app)
    {
        // Public: a pharmacy, or anyone, checks an institution's signature against this.
        app.MapGet("/epc/api/ca", async (GetPlatformCertificateHandler get, CancellationToken ct) =>
            {
                var pem = await get.HandleAsync(new GetPlatformCertificate(), ct);
                return pem.IsSuccess ? Results.Text(pem.Value, "application/x-pem-file") : ApiError.From(pem.Error).ToResult();
            })
            .WithName("GetPlatformCertificate")
            .WithTags("E-prescriptions")
            .WithSummary("The platform's certificate (PEM), which signs every institution's signing certificate");
        // Authenticated by the body itself: the app's signature over its fields (EpcEnvelope).
        app.MapPost("/epc/api/fixmedins/{transaction}", EpcTransport.HandleAsync)
            .WithName("EpcTransaction")
            .WithTags("E-prescriptions")
            .WithSummary("An e-prescription transaction (uploadChk, rxFixmedinsSign, rxFileUpld, rxUndo, hospRxDetlQuery, rxChkInfoQuery, rxSetlInfoQuery, circDrugQuery) on the national transport (SM4-encrypted, SM2-signed body), or plain JSON with x-tif-* headers")
            .DisableAntiforgery();
        return app;
    }
}
