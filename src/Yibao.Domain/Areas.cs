namespace Yibao.Domain;

/// <summary>Coordinated areas (统筹区) are identified by 6-digit admdvs codes.</summary>
public static class Areas
{
    public static bool IsValidCode(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);

    /// <summary>The province code of an area: its first two digits followed by zeros.</summary>
    public static string ProvinceOf(string area) => area[..2] + "0000";
}
