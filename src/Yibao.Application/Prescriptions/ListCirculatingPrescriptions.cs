using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>7202: the pharmacy asks for the circulating prescriptions of the patient before it, identified by their e-certificate token.</summary>
public sealed record ListCirculatingPrescriptions(string MdtrtCertType, string MdtrtCertNo, string Pharmacy);

/// <summary>One circulating prescription, with its single-use authorization for this pharmacy.</summary>
public sealed record CirculatingPrescription(string AuthRxno, PrescriptionRow Prescription, string InstitutionName, string? DiagName);

/// <summary>
/// Lists the patient's prescriptions that may be dispensed now (uploaded, in validity), each with an
/// <c>auth_rxno</c> for 7203. Only the e-certificate (<c>mdtrt_cert_type</c> 01) opens them: the
/// patient is at the counter, with the token this pharmacy decoded from their QR code. An ID number
/// alone would let any pharmacy read anyone's prescriptions.
/// </summary>
public sealed class ListCirculatingPrescriptionsHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<CirculatingPrescription>>> HandleAsync(ListCirculatingPrescriptions command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.MdtrtCertType != "01")
        {
            return RxErrors.PassInvalid.With("mdtrt_cert_type must be 01: the patient's e-certificate token opens their prescriptions");
        }

        var now = clock.GetUtcNow();
        var seconds = now.ToUnixTimeSeconds();
        var psnNo = await db.EcTokens.AsNoTracking().Where(t => t.EcToken == command.MdtrtCertNo && t.FixmedinsCode == command.Pharmacy && t.ExpiresAt >= seconds)
            .Select(t => t.PsnNo).FirstOrDefaultAsync(ct);
        if (psnNo is null)
        {
            return RxErrors.PassInvalid.With("mdtrt_cert_no is not a live e-certificate token issued to this pharmacy");
        }

        var uploaded = RxStatus.Uploaded.ToName();
        var found = await db.Prescriptions.AsNoTracking()
            .Where(p => p.PsnNo == psnNo && p.Status == uploaded)
            .OrderByDescending(p => p.HiRxno) // hi_rxno begins with its pre-check time
            .Join(db.Institutions, p => p.FixmedinsCode, i => i.FixmedinsCode, (p, i) => new { Rx = p, i.Name })
            .ToListAsync(ct);
        found = [.. found.Where(f => f.Rx.ValiEndTime > now)];
        var list = new List<CirculatingPrescription>(found.Count);
        foreach (var f in found)
        {
            var pass = PrescriptionPasses.Issue(db, PrescriptionPasses.AuthRxno, psnNo, f.Rx.HiRxno, command.Pharmacy, now);
            var visit = PrescriptionContent.Of(f.Rx)["prescription"]?["mdtrtinfo"] as System.Text.Json.Nodes.JsonObject;
            list.Add(new CirculatingPrescription(pass.Pass, f.Rx, f.Name, visit is null ? null : PrescriptionDocument.Text(visit, "diseName")));
        }

        db.PersonAccessRecords.Add(new PersonAccessRow { At = now, ActorKind = "institution", Actor = command.Pharmacy, PsnNo = psnNo, Door = "gateway", Purpose = "rx-list" });
        return list;
    }
}
