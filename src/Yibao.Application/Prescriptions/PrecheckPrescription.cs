using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Application.Reference;
using Yibao.Application.Settlements.Checks;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Prescriptions;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>The pre-check's answer: the prescription's numbers for the signature and the upload.</summary>
public sealed record PrecheckedPrescription(string HiRxno, string RxTraceCode, DateTimeOffset ValiEndTime);

/// <summary><c>uploadChk</c>: the platform reviews a prescription before it is signed (<paramref name="Document"/> is the national input).</summary>
public sealed record PrecheckPrescription(string FixmedinsCode, JsonObject Document);

/// <summary>
/// Checks the visit, the patient, the institution's designation and scope, the follow-up rule for an
/// online prescription, the catalogue, each drug's course, duplicate therapy and the validity, each
/// refusal with its own code; then keeps the prescription, as sent, under a new <c>hiRxno</c> and a
/// one-upload <c>rxTraceCode</c>. A pre-check of a prescription the institution pre-checked before
/// and never uploaded (the same <c>hospRxno</c>) replaces it.
/// </summary>
public sealed class PrecheckPrescriptionHandler(
    YibaoDbContext db, ReferenceData reference, SettlementChecks checks, AgencyCalendar calendar, IOptions<YibaoOptions> options, WriteGate gate, PrescriptionJournal journal, RefusalRecords refusals)
{
    public async Task<Result<PrecheckedPrescription>> HandleAsync(PrecheckPrescription command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await db.InTransactionAsync(gate, refusals, () => PrecheckAsync(command, ct), ct);
    }

    private async Task<Result<PrecheckedPrescription>> PrecheckAsync(PrecheckPrescription command, CancellationToken ct)
    {
        var read = PrescriptionDocument.Read(command.Document, calendar.UtcOffset);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var order = read.Value;
        var institution = await reference.InstitutionAsync(command.FixmedinsCode, ct);
        if (institution is null)
        {
            return Domain.Institutions.InstitutionErrors.NotFound(command.FixmedinsCode);
        }

        var visit = await db.Visits.AsNoTracking().FirstOrDefaultAsync(v => v.MdtrtId == order.MdtrtId && v.FixmedinsCode == command.FixmedinsCode, ct);
        if (visit is null)
        {
            return PrescriptionReviewErrors.VisitNotFound.With($"there is no visit {order.MdtrtId} at {command.FixmedinsCode}");
        }

        if (visit.Status == VisitStatus.Cancelled)
        {
            return PrescriptionReviewErrors.VisitClosed.With($"visit {visit.MdtrtId} was withdrawn");
        }

        if (await PatientAsync(order, visit, command.FixmedinsCode, ct) is { } otherPatient)
        {
            return otherPatient;
        }

        CodeNames.TryParseChannel(visit.Channel, out var channel);
        if ((order.BizTypeCode == "02") != (channel == Channel.Online))
        {
            return PrescriptionReviewErrors.NotAfterFollowUp.With(order.BizTypeCode == "02"
                ? $"bizTypeCode 02 is an internet-hospital prescription, but visit {visit.MdtrtId} was offline"
                : $"visit {visit.MdtrtId} was an online follow-up: its prescription is bizTypeCode 02");
        }

        // The settlement's own eligibility checks: designation, the Internet+ scope, and for an online visit the follow-up rule.
        var claim = new ClaimContext
        {
            Stage = ClaimStage.PreSettlement,
            PsnNo = visit.PsnNo,
            Institution = institution,
            VisitDate = visit.VisitDate,
            Channel = channel,
            Service = OnlineService.FollowUp,
            DiseaseCode = order.DiseCodg ?? visit.DiseaseCode,
        };
        if (await checks.RunAsync(CheckPhase.BeforeComputing, claim, ct) is { } ineligible)
        {
            return ineligible;
        }

        var catalogue = await reference.CurrentCatalogueAsync(institution.Row.Area, ct);
        foreach (var drug in order.Drugs)
        {
            if (catalogue?.Catalogue.Find(drug.MedListCodg) is not { Kind: ItemKind.Drug })
            {
                return PrescriptionReviewErrors.DrugNotInCatalogue.With($"{drug.MedListCodg} ({drug.DrugGenname}) is not a drug of the {institution.Row.Area} catalogue");
            }

            if (PrescriptionReview.CheckCourse(drug) is { } overCourse)
            {
                return overCourse;
            }
        }

        var maxDays = options.Value.PrescriptionValidityDays.GetValueOrDefault(institution.Row.Area, PrescriptionReview.DefaultMaxValidityDays);
        if (PrescriptionReview.CheckValidity(order.ValiDays, maxDays) is { } tooLong)
        {
            return tooLong;
        }

        var now = calendar.Clock.GetUtcNow();
        var live = new[] { RxStatus.Prechecked, RxStatus.Signed, RxStatus.Uploaded, RxStatus.Dispensing }.Select(s => s.ToName()).ToList();
        // Instants are compared here, not in SQL (SQLite cannot): a person's live prescriptions are few.
        var others = (await db.Prescriptions.Where(p => p.PsnNo == visit.PsnNo && live.Contains(p.Status)).ToListAsync(ct)).Where(p => p.ValiEndTime > now).ToList();
        var replaced = others.Where(p => p.FixmedinsCode == command.FixmedinsCode && order.HospRxno is not null
            && p.Status is "prechecked" or "signed" && Hosp(p) == order.HospRxno).ToList();
        var actor = RxActor.Institution(command.FixmedinsCode, "epc");
        foreach (var old in replaced)
        {
            old.Status = RxStatus.Revoked.ToName();
            journal.Moved(old, actor, "revoke", $"replaced by a new pre-check of {order.HospRxno}");
        }

        var duplicates = others.Except(replaced).Select(p => (p.HiRxno, p.ValiEndTime, (IReadOnlyCollection<string>)PrescriptionContent.Drugs(p).Select(d => d.MedListCodg).ToHashSet(StringComparer.Ordinal)));
        if (PrescriptionReview.CheckDuplicates(order.Drugs, duplicates, now) is { } duplicate)
        {
            return duplicate;
        }

        var rx = new PrescriptionRow
        {
            HiRxno = Ids.New("RX", calendar.Now),
            RxTraceCode = NewTraceCode(),
            FixmedinsCode = command.FixmedinsCode,
            MdtrtId = visit.MdtrtId,
            PsnNo = visit.PsnNo,
            MedType = visit.MedType,
            PrescriberLevel = institution.Settling.EffectiveLevel,
            BizTypeCode = order.BizTypeCode,
            RxExraAttrCode = order.RxExraAttrCode,
            PrscTime = order.PrscTime.ToUniversalTime(),
            ValiEndTime = order.PrscTime.AddDays(order.ValiDays).ToUniversalTime(),
            MaxReptCnt = order.Reuse.MaxCount,
            MinInrvDays = order.Reuse.MinIntervalDays,
            Status = RxStatus.Prechecked.ToName(),
            Content = "",
            PrecheckedAt = now,
        };

        // The identity proof is not part of the prescription: it is not kept.
        var document = (JsonObject)command.Document.DeepClone();
        document.Remove("ecToken");
        document.Remove("mdtrtCertNo");
        var content = PrescriptionSeal.Header(rx);
        content["prescription"] = document;
        rx.Content = CanonicalJson.Write(content);
        db.Prescriptions.Add(rx);
        journal.Moved(rx, actor, "precheck", $"{order.Drugs.Count} drug(s), valid until {rx.ValiEndTime.ToOffset(calendar.UtcOffset):yyyy-MM-dd HH:mm}");
        return new PrecheckedPrescription(rx.HiRxno, rx.RxTraceCode, rx.ValiEndTime);
    }

    /// <summary>The patient the prescription names (by psnNo, ID number or e-certificate token) must be the visit's.</summary>
    private async Task<DomainError?> PatientAsync(RxOrder order, VisitRow visit, string institution, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().Where(p => p.PsnNo == visit.PsnNo).Select(p => new { p.PsnNo, p.Certno }).FirstAsync(ct);
        var tokenHolder = order.MdtrtCertType == "01" && order.MdtrtCertNo is { } token
            ? await db.EcTokens.AsNoTracking().Where(t => t.EcToken == token && t.FixmedinsCode == institution).Select(t => t.PsnNo).FirstOrDefaultAsync(ct) ?? ""
            : null;
        return (order.PsnNo is { } psnNo && psnNo != person.PsnNo) || (order.Certno is { } certno && certno != person.Certno) || (tokenHolder is not null && tokenHolder != person.PsnNo)
            ? PrescriptionReviewErrors.VisitOfAnotherPatient.With($"visit {visit.MdtrtId} is not this patient's")
            : null;
    }

    private static string? Hosp(PrescriptionRow rx) => PrescriptionContent.Of(rx)["prescription"] is JsonObject p ? PrescriptionDocument.Text(p, "hospRxno") : null;

    private const string TraceAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private static string NewTraceCode() => string.Create(20, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = TraceAlphabet[RandomNumberGenerator.GetInt32(TraceAlphabet.Length)];
        }
    });
}
