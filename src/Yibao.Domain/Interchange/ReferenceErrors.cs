namespace Yibao.Domain.Interchange;

/// <summary>The refusals of reading and loading reference data: documents, policies, catalogues, institutions, persons, prices.</summary>
public static class ReferenceErrors
{
    public static readonly ErrorCode MalformedDocument = new("malformed_document", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidPolicy = new("invalid_policy", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidCatalogue = new("invalid_catalogue", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidPersonCode = new("invalid_person", ErrorKind.Invalid);
    public static readonly ErrorCode UnknownAreaCode = new("unknown_area", ErrorKind.Refused);
    public static readonly ErrorCode InvalidReliesOnCode = new("invalid_relies_on", ErrorKind.Refused);
    public static readonly ErrorCode ImportRejectedCode = new("import_rejected", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidPage = new("invalid_page", ErrorKind.Invalid);
    public static readonly ErrorCode PriceListNotFound = new("price_list_not_found", ErrorKind.NotFound);

    public static DomainError UnknownArea(string area) => UnknownAreaCode.With($"Area {area} is not registered.");

    public static DomainError InvalidReliesOn(string code, string reliesOn) =>
        InvalidReliesOnCode.With($"Internet hospital {code} must rely on a registered physical institution; {reliesOn} is not one.");


    public static DomainError InvalidPerson(string message) => InvalidPersonCode.With(message);
}
