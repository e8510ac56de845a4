using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;

namespace Yibao.Application.Prescriptions;

/// <summary>The insurance electronic signature: the file, the signature (hex), and the certificate that verifies it.</summary>
public sealed record PrescriptionSignature(string HiRxno, string RxFile, string SignDigest, string SignCertSn, string SignCertDn);

/// <summary>
/// <c>rxFixmedinsSign</c>: <paramref name="OriginalValue"/> is Base64 of the JSON of the upload's
/// fields, <paramref name="OriginalRxFile"/> Base64 of the prescription's PDF or OFD.
/// </summary>
public sealed record SignPrescription(string FixmedinsCode, string OriginalValue, string OriginalRxFile);

/// <summary>
/// Signs a pre-checked prescription with the institution's SM2 key, which the platform's CA holds
/// (issued on first use): over the canonical content (the pre-checked prescription with the upload's
/// fields) and the file. Signing again before the upload replaces the signature.
/// </summary>
public sealed class SignPrescriptionHandler(YibaoDbContext db, SigningAuthority authority, IssueSigningCertificateHandler issue, TimeProvider clock, WriteGate gate, PrescriptionJournal journal, RefusalRecords refusals)
{
    public async Task<Result<PrescriptionSignature>> HandleAsync(SignPrescription command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await db.InTransactionAsync(gate, refusals, () => SignAsync(command, ct), ct);
    }

    private async Task<Result<PrescriptionSignature>> SignAsync(SignPrescription command, CancellationToken ct)
    {
        if (UploadFields.Decode(command.OriginalValue) is not { } upload || !PrescriptionSeal.IsBase64(command.OriginalRxFile))
        {
            return PrescriptionReviewErrors.Invalid.With("originalValue is Base64 of the upload's JSON fields, originalRxFile Base64 of the prescription's file");
        }

        var found = await UploadFields.FindAsync(db, command.FixmedinsCode, upload, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var rx = found.Value;
        var now = clock.GetUtcNow();
        if (rx.Status != RxStatus.Signed.ToName() && RxStates.Move(rx, RxEvent.Sign, now) is { } refused)
        {
            return refused;
        }

        if (await db.SigningKeys.AsNoTracking().AnyAsync(k => k.Owner == rx.FixmedinsCode, ct) is false)
        {
            var issued = await issue.HandleAsync(new IssueSigningCertificate(rx.FixmedinsCode, "platform"), ct);
            if (!issued.IsSuccess)
            {
                return issued.Error;
            }

            await db.SaveChangesAsync(ct);
        }

        var key = await db.SigningKeys.FirstAsync(k => k.Owner == rx.FixmedinsCode, ct);
        var certificate = SigningCertificates.Read(key.Certificate);
        var content = UploadFields.WithUpload(rx.Content, upload);
        rx.Content = CanonicalJson.Write(content);
        rx.RxFile = command.OriginalRxFile;
        rx.SignDigest = PrescriptionSeal.Sign(authority.PrivateKey(key), PrescriptionSeal.SignedText(rx.Content, rx.RxFile));
        rx.SignCertSn = certificate.SerialNumber.ToString(16).ToUpperInvariant();
        rx.SignCertificate = key.Certificate;
        journal.Moved(rx, RxActor.Institution(command.FixmedinsCode, "epc"), "sign", $"certificate {rx.SignCertSn}");
        return new PrescriptionSignature(rx.HiRxno, rx.RxFile, rx.SignDigest, rx.SignCertSn, certificate.SubjectDN.ToString());
    }
}

/// <summary>The upload's fields, as signed and as uploaded: everything but the file and the signature itself.</summary>
internal static class UploadFields
{
    private static readonly string[] NotSigned = ["rxFile", "signDigest", "signCertSn", "signCertDn"];

    public static JsonObject? Decode(string base64)
    {
        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64))) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The stored content with <paramref name="upload"/> as its upload fields.</summary>
    public static JsonObject WithUpload(string storedContent, JsonObject upload)
    {
        var content = JsonNode.Parse(storedContent) as JsonObject ?? throw new InvalidOperationException("a stored prescription's content is a JSON object");
        var fields = (JsonObject)upload.DeepClone();
        foreach (var name in NotSigned)
        {
            fields.Remove(name);
        }

        content["upload"] = fields;
        return content;
    }

    /// <summary>The institution's prescription the fields name (<c>hiRxno</c>), its <c>rxTraceCode</c> checked.</summary>
    public static async Task<Result<Storage.Entities.PrescriptionRow>> FindAsync(YibaoDbContext db, string fixmedinsCode, JsonObject upload, CancellationToken ct)
    {
        var hiRxno = PrescriptionDocument.Text(upload, "hiRxno");
        var traceCode = PrescriptionDocument.Text(upload, "rxTraceCode");
        if (hiRxno is null || traceCode is null)
        {
            return PrescriptionReviewErrors.Invalid.With("hiRxno and rxTraceCode are required");
        }

        var rx = await db.Prescriptions.FirstOrDefaultAsync(p => p.HiRxno == hiRxno && p.FixmedinsCode == fixmedinsCode, ct);
        if (rx is null)
        {
            return RxErrors.NotFound.With($"{fixmedinsCode} has no prescription {hiRxno}");
        }

        return rx.RxTraceCode == traceCode ? rx : RxErrors.TraceCodeInvalid.With($"rxTraceCode is not the pre-check's for {hiRxno}");
    }
}
