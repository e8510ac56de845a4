using System.Text.Json.Nodes;
using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;

namespace Yibao.Application.Prescriptions;

/// <summary>The upload's answer: the prescription is valid (<c>rxStasCodg</c> 1) and circulating.</summary>
public sealed record UploadedPrescription(string HiRxno, string RxStasCodg, string RxStasName);

/// <summary><c>rxFileUpld</c>: the upload's fields with <c>rxFile</c> and <c>signDigest</c>, as the institution sends them.</summary>
public sealed record UploadPrescription(string FixmedinsCode, JsonObject Fields);

/// <summary>
/// Puts a signed prescription into circulation once its signature verifies against what is
/// uploaded: the pre-checked prescription with these fields and this file, signed by the
/// institution's certificate. A changed field or file, a missing signature or another institution's
/// certificate is refused, and recorded; an <c>rxTraceCode</c> serves one upload.
/// </summary>
public sealed class UploadPrescriptionHandler(YibaoDbContext db, GetPlatformCertificateHandler platform, TimeProvider clock, WriteGate gate, PrescriptionJournal journal, RefusalRecords refusals)
{
    public async Task<Result<UploadedPrescription>> HandleAsync(UploadPrescription command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await db.InTransactionAsync(gate, refusals, () => UploadAsync(command, ct), ct);
    }

    private async Task<Result<UploadedPrescription>> UploadAsync(UploadPrescription command, CancellationToken ct)
    {
        var actor = RxActor.Institution(command.FixmedinsCode, "epc");
        var found = await UploadFields.FindAsync(db, command.FixmedinsCode, command.Fields, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var rx = found.Value;
        var status = RxStates.Parse(rx.Status);
        if (status is not (RxStatus.Prechecked or RxStatus.Signed))
        {
            return status is RxStatus.Revoked or RxStatus.Expired
                ? RxStates.Move(rx, RxEvent.Upload, clock.GetUtcNow())!
                : RxErrors.TraceCodeUsed.With($"rxTraceCode of {rx.HiRxno} was used for its upload already");
        }

        var signDigest = PrescriptionDocument.Text(command.Fields, "signDigest");
        var rxFile = PrescriptionDocument.Text(command.Fields, "rxFile");
        if (status == RxStatus.Prechecked || signDigest is null || rxFile is null)
        {
            return journal.Refused(rx.HiRxno, actor, PrescriptionFraudErrors.SignatureMissing.With($"prescription {rx.HiRxno} is uploaded without its insurance electronic signature (rxFixmedinsSign, then signDigest and rxFile)"));
        }

        if (PrescriptionDocument.Text(command.Fields, "signCertSn") is { } certSn && !string.Equals(certSn, rx.SignCertSn, StringComparison.OrdinalIgnoreCase))
        {
            return journal.Refused(rx.HiRxno, actor, PrescriptionFraudErrors.SignerMismatch.With($"signCertSn {certSn} is not the certificate {rx.FixmedinsCode} signed {rx.HiRxno} with"));
        }

        var pem = await platform.HandleAsync(new GetPlatformCertificate(), ct);
        if (!pem.IsSuccess)
        {
            return pem.Error;
        }

        if (PrescriptionSeal.Vouched(rx, pem.Value) is { } mismatch)
        {
            return journal.Refused(rx.HiRxno, actor, mismatch);
        }

        // One verification: the given signature over the content and file as uploaded.
        var content = CanonicalJson.Write(UploadFields.WithUpload(rx.Content, command.Fields));
        var key = (Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters)SigningCertificates.Read(rx.SignCertificate!).GetPublicKey();
        if (!PrescriptionSeal.IsBase64(rxFile) || !PrescriptionSeal.Verifies(key, PrescriptionSeal.SignedText(content, rxFile), signDigest))
        {
            return journal.Refused(rx.HiRxno, actor, PrescriptionFraudErrors.SignatureInvalid.With($"signDigest does not verify against prescription {rx.HiRxno} as uploaded: a field or the file differs from what was signed, or the signature is not {rx.FixmedinsCode}'s"));
        }

        (rx.Content, rx.RxFile, rx.SignDigest) = (content, rxFile, signDigest);
        if (PrescriptionSeal.Agreement(rx) is { } broken)
        {
            return journal.Refused(rx.HiRxno, actor, broken);
        }

        if (RxStates.Move(rx, RxEvent.Upload, clock.GetUtcNow()) is { } refused)
        {
            return journal.Refused(rx.HiRxno, actor, refused);
        }

        journal.Moved(rx, actor, "upload");
        return new UploadedPrescription(rx.HiRxno, "1", "valid");
    }
}
