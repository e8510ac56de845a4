namespace Yibao.Domain.Codes;

/// <summary>Insurance type codes (<c>insutype</c>).</summary>
public static class Insutype
{
    /// <summary>Employee basic medical insurance: has a personal account.</summary>
    public const string EmployeeBasic = "310";

    /// <summary>Urban-rural resident basic medical insurance: no personal account.</summary>
    public const string ResidentBasic = "390";

    public static bool IsKnown(string? code) => code is EmployeeBasic or ResidentBasic;

    public static bool HasPersonalAccount(string code) => code == EmployeeBasic;
}
