using Yibao.Domain.Codes;
using Yibao.Domain.Policies;

namespace Yibao.Domain.Institutions;

/// <summary>The institution a claim is settled at, as the arithmetic sees it.</summary>
/// <param name="Area">The treatment area (<c>mdtrt_area_admvs</c>): its catalogue classifies the lines.</param>
/// <param name="ReliesOnLevel">Internet hospital: the level of the physical institution it relies on.</param>
/// <param name="PrescriberLevel">Pharmacy dispensing a prescription: the prescribing institution's level.</param>
public sealed record SettlingInstitution(string Area, int Level, InstitutionKind Kind, int? ReliesOnLevel = null, int? PrescriberLevel = null)
{
    /// <summary>Spec rule 8: the level the ratio and deductible are read at.</summary>
    public int EffectiveLevel => Kind switch
    {
        InstitutionKind.Internet => ReliesOnLevel ?? Level,
        InstitutionKind.Pharmacy => PrescriberLevel ?? Level,
        _ => Level,
    };

    public bool HasValidLevels =>
        LevelTable.IsValidLevel(Level)
        && (ReliesOnLevel is null || LevelTable.IsValidLevel(ReliesOnLevel.Value))
        && (PrescriberLevel is null || LevelTable.IsValidLevel(PrescriberLevel.Value));
}
