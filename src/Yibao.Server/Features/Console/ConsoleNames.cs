namespace Yibao.Server.Features.Console;

/// <summary>Codes as the console labels them, in Chinese and English.</summary>
internal static class ConsoleNames
{
    public static string Insutype(string code) => code switch
    {
        Domain.Codes.Insutype.EmployeeBasic => "310 职工 employee",
        Domain.Codes.Insutype.ResidentBasic => "390 居民 resident",
        _ => code,
    };

    public static string BenefitKind(string name) => name switch
    {
        "outpatient" => "普通门诊 outpatient",
        "chronic" => "门慢门特 chronic",
        "inpatient" => "住院 inpatient",
        "pharmacy" => "药店购药 pharmacy",
        _ => name,
    };

    public static string PersonType(string name) => name switch
    {
        "employee" => "在职职工 employee",
        "retired" => "退休 retired",
        "resident" => "城乡居民 resident",
        _ => name,
    };

    public static string Level(string level) => level switch
    {
        "1" => "一级 level 1",
        "2" => "二级 level 2",
        "3" => "三级 level 3",
        _ => level,
    };
}
