using Yibao.Domain.Codes;
using Yibao.Server.Infrastructure;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.ECertificate;

/// <summary>
/// Online settlement needs the person proven present: the electronic insurance certificate
/// (<c>mdtrt_cert_type</c> 01, a live ecToken of that person issued to that institution) with a
/// recorded real-person (face) check. An ID number alone is refused online.
/// </summary>
internal static class OnlineIdentity
{
    public const string ECertificateType = "01";

    /// <summary>The refusal for an online visit without a face-checked certificate of its person; null when it may settle.</summary>
    public static async Task<ApiError?> CheckAsync(ECertificates certificates, VisitRow visit, string? certType, string? certNo, CancellationToken ct)
    {
        if (visit.Channel != Channel.Online.ToName())
        {
            return null;
        }

        if (certType != ECertificateType || string.IsNullOrWhiteSpace(certNo))
        {
            return new ApiError(422, "ecert_required", "An online settlement needs the electronic insurance certificate (mdtrt_cert_type 01 with its ecToken); an ID number alone is not enough.");
        }

        if (await certificates.PersonOfTokenAsync(certNo, visit.FixmedinsCode, ct) != visit.PsnNo)
        {
            return new ApiError(422, "ecert_invalid", "mdtrt_cert_no is not a live e-certificate token of this visit's person issued to this institution.");
        }

        return await certificates.IsFaceVerifiedAsync(certNo, ct)
            ? null
            : new ApiError(422, "face_check_required", "An online settlement needs a real-person (face) check of the certificate's holder: call faceVerify first.");
    }
}
