using Yibao.Domain.Codes;

namespace Yibao.Domain.Institutions;

/// <summary>A designated institution (定点医药机构) as registered with the agency.</summary>
/// <param name="ReliesOn">Internet hospitals: the <c>fixmedins_code</c> of the physical institution they rely on.</param>
public sealed record Institution(string FixmedinsCode, string Name, string Area, InstitutionKind Kind, int Level, string? ReliesOn);
