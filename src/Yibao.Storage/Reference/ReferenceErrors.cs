using Yibao.Domain;

namespace Yibao.Storage.Reference;

public static class ReferenceErrors
{
    public static DomainError UnknownArea(string area) => new("unknown_area", $"Area {area} is not registered.");

    public static DomainError InvalidReliesOn(string code, string reliesOn) =>
        new("invalid_relies_on", $"Internet hospital {code} must rely on a registered physical institution; {reliesOn} is not one.");

    public static DomainError DuplicateCertno(string certno) => new("duplicate_certno", $"ID number {certno} belongs to another person.");

    public static DomainError InvalidPerson(string message) => new("invalid_person", message);
}
