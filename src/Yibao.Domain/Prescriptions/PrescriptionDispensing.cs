using System.Globalization;

namespace Yibao.Domain.Prescriptions;

/// <summary>
/// The refusals that guard a prescription against tampering and fraud. Each is recorded as a
/// prescription event when it happens (the supervision rules read them), besides being refused.
/// </summary>
public static class PrescriptionFraudErrors
{
    /// <summary>What is stored no longer verifies against its signature: a field, drug or the file changed after signing.</summary>
    public static readonly ErrorCode Tampered = new("rx_tampered", ErrorKind.Refused);

    /// <summary>The uploaded prescription does not verify against the signature given with it.</summary>
    public static readonly ErrorCode SignatureInvalid = new("rx_signature_invalid", ErrorKind.Refused);

    public static readonly ErrorCode SignatureMissing = new("rx_signature_missing", ErrorKind.Refused);

    /// <summary>The signature or certificate is another institution's.</summary>
    public static readonly ErrorCode SignerMismatch = new("rx_signer_mismatch", ErrorKind.Refused);

    /// <summary>A token or authorization of another person than the prescription's patient.</summary>
    public static readonly ErrorCode NotOwnPatient = new("rx_not_own_patient", ErrorKind.Forbidden);

    public static readonly ErrorCode DrugNotPrescribed = new("rx_drug_not_prescribed", ErrorKind.Refused);
    public static readonly ErrorCode QuantityExceeded = new("rx_quantity_exceeded", ErrorKind.Refused);

    /// <summary>The codes that count as fraud or tampering when recorded: the lifecycle's second dispensing, expiry and revocation among them.</summary>
    public static readonly IReadOnlySet<string> Codes = new HashSet<string>(StringComparer.Ordinal)
    {
        Tampered.Code, SignatureInvalid.Code, SignatureMissing.Code, SignerMismatch.Code, NotOwnPatient.Code, DrugNotPrescribed.Code, QuantityExceeded.Code,
        PrescriptionErrors.AlreadyDispensed.Code, PrescriptionErrors.HeldElsewhere.Code, PrescriptionErrors.Expired.Code, PrescriptionErrors.Revoked.Code,
    };
}

/// <summary>A fee line of a dispensing claim, as far as the prescription judges it.</summary>
public sealed record DispensedLine(string Code, decimal Qty);

/// <summary>What a pharmacy may settle on a prescription: only its drugs, in at most the quantities prescribed.</summary>
public static class PrescriptionDispensing
{
    public static DomainError? CheckLines(string hiRxno, IEnumerable<DispensedLine> lines, IReadOnlyCollection<PrescribedDrug> prescribed)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(prescribed);
        foreach (var group in lines.GroupBy(l => l.Code, StringComparer.Ordinal))
        {
            var allowed = prescribed.Where(d => d.MedListCodg == group.Key).Sum(d => d.DrugCnt);
            if (allowed == 0m)
            {
                return PrescriptionFraudErrors.DrugNotPrescribed.With($"{group.Key} is not on prescription {hiRxno}");
            }

            var qty = group.Sum(l => l.Qty);
            if (qty > allowed)
            {
                return PrescriptionFraudErrors.QuantityExceeded.With(
                    $"{group.Key}: {qty.ToString(CultureInfo.InvariantCulture)} is more than the {allowed.ToString(CultureInfo.InvariantCulture)} prescribed on {hiRxno}");
            }
        }

        return null;
    }
}
