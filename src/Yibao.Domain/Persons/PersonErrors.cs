namespace Yibao.Domain.Persons;

/// <summary>The refusals of finding and identifying insured persons, by certificate or otherwise.</summary>
public static class PersonErrors
{
    public static readonly ErrorCode NotFoundCode = new("person_not_found", ErrorKind.NotFound);
    public static readonly ErrorCode InsuredAreaMismatchCode = new("insured_area_mismatch", ErrorKind.Refused);
    public static readonly ErrorCode EcTokenInvalidCode = new("ectoken_invalid", ErrorKind.Refused);
    public static readonly ErrorCode CertTypeUnknownCode = new("cert_type_unknown", ErrorKind.Invalid);
    public static readonly ErrorCode CertPersonMismatchCode = new("cert_person_mismatch", ErrorKind.Refused);
    public static readonly ErrorCode PresenceProofRequired = new("presence_proof_required", ErrorKind.Forbidden);
    public static readonly ErrorCode CardInvalid = new("card_invalid", ErrorKind.Refused);
    public static readonly ErrorCode AccessQueryInvalid = new("invalid_access_query", ErrorKind.Invalid);
    public static readonly ErrorCode QrInvalid = new("qr_invalid", ErrorKind.Refused);
    public static readonly ErrorCode QrUsed = new("qr_used", ErrorKind.Conflict);
    public static readonly ErrorCode FaceMismatch = new("face_mismatch", ErrorKind.Refused);

    public static DomainError NotFound(string key) => NotFoundCode.With($"No insured person {key}.");

    public static DomainError InsuredAreaMismatch(string insuplc, string psnNo, string area) =>
        InsuredAreaMismatchCode.With($"insuplc_admdvs {insuplc} is not the insured area of person {psnNo} ({area}).");
}
