namespace Yibao.Storage.Entities;

/// <summary>
/// An electronic prescription on the circulation platform. <see cref="Content"/> is the prescription
/// itself (its canonical JSON: header, drugs, visit, diagnoses, upload fields) and, with
/// <see cref="RxFile"/>, what <see cref="SignDigest"/> signs; the other columns are what the platform
/// queries and the lifecycle's state, checked against the content on every read.
/// </summary>
public sealed class PrescriptionRow
{
    /// <summary><c>hiRxno</c>: the insurance prescription number.</summary>
    public required string HiRxno { get; set; }

    /// <summary>The pre-check's <c>rxTraceCode</c>: good for one upload.</summary>
    public required string RxTraceCode { get; set; }

    public required string FixmedinsCode { get; set; }
    public required string MdtrtId { get; set; }
    public required string PsnNo { get; set; }

    /// <summary>The prescribing visit's <c>med_type</c>: the benefit kind the pharmacy settles under.</summary>
    public required string MedType { get; set; }

    /// <summary>The prescribing institution's effective level (an internet hospital's physical institution's): the pharmacy settles at it.</summary>
    public int PrescriberLevel { get; set; }

    public required string BizTypeCode { get; set; }

    /// <summary>Where it may be dispensed: 01 dual channel, 02 outpatient pooling, 03 other.</summary>
    public required string RxExraAttrCode { get; set; }

    public DateTimeOffset PrscTime { get; set; }
    public DateTimeOffset ValiEndTime { get; set; }
    public int MaxReptCnt { get; set; }
    public int MinInrvDays { get; set; }

    public required string Status { get; set; }
    public int Dispensings { get; set; }
    public DateTimeOffset? LastDispensedAt { get; set; }

    /// <summary>The pharmacy dispensing it, from its download (7203) to the write-off.</summary>
    public string? HeldBy { get; set; }
    public DateTimeOffset? HeldSince { get; set; }

    public required string Content { get; set; }

    /// <summary>The prescription's file (PDF or OFD), Base64, from the signature on.</summary>
    public string? RxFile { get; set; }

    /// <summary>SM3withSM2 over the canonical content and the file's SM3 digest, hex.</summary>
    public string? SignDigest { get; set; }
    public string? SignCertSn { get; set; }

    /// <summary>The certificate (PEM) that verifies <see cref="SignDigest"/>: the institution's at the time of signing.</summary>
    public string? SignCertificate { get; set; }

    /// <summary>The dispensing pharmacy's pharmacist review (7204): <c>rx_chk_stas_codg</c> 1 passed, 2 refused.</summary>
    public string? RxChkStasCodg { get; set; }
    public string? RxChkOpnn { get; set; }
    public DateTimeOffset? RxChkTime { get; set; }
    public string? RxChkPharName { get; set; }

    /// <summary>Delivery status (7205), when the pharmacy delivers.</summary>
    public string? DelvStasCodg { get; set; }

    /// <summary>The last settlement that dispensed it.</summary>
    public string? SetlId { get; set; }

    public DateTimeOffset PrecheckedAt { get; set; }

    /// <summary>Bumped by every change of state: of two pharmacies taking it at once, the second finds it moved.</summary>
    public int Version { get; set; }
}

/// <summary>
/// Everything that happened to a prescription, and every refusal that guards it: who, when, through
/// which door. The fraud and tamper refusals (<see cref="Fraud"/>) are what supervision reads.
/// </summary>
public sealed class PrescriptionEventRow
{
    public long Id { get; set; }

    /// <summary>Null when the refused request named no known prescription.</summary>
    public string? HiRxno { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>institution, person, staff or platform.</summary>
    public required string ActorKind { get; set; }
    public required string Actor { get; set; }

    /// <summary>epc (hospital transport), gateway (pharmacy), phone, console, cli.</summary>
    public required string Door { get; set; }

    /// <summary>precheck, sign, upload, download, review, delivery, dispense, reopen, writeoff, revoke, expire, or refused.</summary>
    public required string Event { get; set; }

    /// <summary>The refusal's code, for a refused event.</summary>
    public string? Code { get; set; }
    public string? Status { get; set; }
    public string? Detail { get; set; }
    public bool Fraud { get; set; }
}

/// <summary>
/// A pharmacy's pass to one patient's prescriptions: an <c>epc_token</c> (7201, from the patient's
/// prescription QR) or an <c>auth_rxno</c> (7202, one prescription, used once).
/// </summary>
public sealed class PrescriptionPassRow
{
    public required string Pass { get; set; }

    /// <summary>epc_token or auth_rxno.</summary>
    public required string Kind { get; set; }

    public required string PsnNo { get; set; }
    public required string HiRxno { get; set; }

    /// <summary>The pharmacy it was handed to: no other may use it.</summary>
    public required string FixmedinsCode { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>Unix seconds.</summary>
    public long ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A dispensed pack's drug traceability code (20 digits): each pack is sold once.</summary>
public sealed class DrugTraceRow
{
    public required string DrugTracCodg { get; set; }
    public required string HiRxno { get; set; }
    public required string SetlId { get; set; }
    public required string FixmedinsCode { get; set; }
    public required string MedListCodg { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
