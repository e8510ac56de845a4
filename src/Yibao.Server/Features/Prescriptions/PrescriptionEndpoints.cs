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
        return app;
    }
}
