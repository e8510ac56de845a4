using Microsoft.EntityFrameworkCore;
using Yibao.Application.ECertificates;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>7201: a pharmacy scans the QR code of a patient's prescription (<c>epc_qrcd</c>).</summary>
public sealed record DecodePrescriptionQr(string EpcQrcd, string Pharmacy);

/// <summary>The pass the code gives, and whose prescription it is (the answer names them).</summary>
public sealed record DecodedPrescriptionQr(PrescriptionPassRow Token, PersonRow Person);

/// <summary>
/// Turns a prescription's QR code into an <c>epc_token</c> for this pharmacy, good for 30 minutes.
/// Each code decodes once; each decode leaves an access record, as it names the patient.
/// </summary>
public sealed class DecodePrescriptionQrHandler(YibaoDbContext db, QrCodes qrCodes, TimeProvider clock)
{
    public async Task<Result<DecodedPrescriptionQr>> HandleAsync(DecodePrescriptionQr command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (qrCodes.ReadPrescription(command.EpcQrcd, out var reason) is not { } read)
        {
            return RxErrors.PassInvalid.With(reason);
        }

        if (await db.EcQrUses.AnyAsync(u => u.QrNonce == read.Claims.Nonce, ct))
        {
            return RxErrors.PassUsed.With("The prescription QR code was already used: ask the patient to show a fresh one.");
        }

        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.PsnNo == read.Claims.PsnNo, ct);
        if (person is null || !await db.Prescriptions.AnyAsync(p => p.HiRxno == read.HiRxno && p.PsnNo == person.PsnNo, ct))
        {
            return RxErrors.PassInvalid.With("The QR code names no prescription of an insured person.");
        }

        var now = clock.GetUtcNow();
        db.EcQrUses.Add(new EcQrUseRow { QrNonce = read.Claims.Nonce, FixmedinsCode = command.Pharmacy, UsedAt = now });
        var token = PrescriptionPasses.Issue(db, PrescriptionPasses.EpcToken, person.PsnNo, read.HiRxno, command.Pharmacy, now);
        db.PersonAccessRecords.Add(new PersonAccessRow { At = now, ActorKind = "institution", Actor = command.Pharmacy, PsnNo = person.PsnNo, Door = "gateway", Purpose = "rx-qr-decode" });
        return new DecodedPrescriptionQr(token, person);
    }
}
