namespace Yibao.Domain.Institutions;

/// <summary>Refusals about institutions, for every feature that names one.</summary>
public static class InstitutionErrors
{
    public static readonly ErrorCode NotFoundCode = new("institution_not_found", ErrorKind.NotFound);

    public static DomainError NotFound(string fixmedinsCode) => NotFoundCode.With($"Institution {fixmedinsCode} is not designated.");
}
