using System.Globalization;

namespace Yibao.Server.Features.Gateway;

/// <summary>How the national interface writes times and codes.</summary>
internal static class GatewayFormats
{
    public static string Time(DateTimeOffset instant, AgencyCalendar calendar) =>
        instant.ToOffset(calendar.Now.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>psn_type</c>: 1101 employee in service, 1201 employee retired, 1501 resident.</summary>
    public static string PsnType(string insutype, bool retired) => insutype == Domain.Codes.Insutype.ResidentBasic ? "1501" : retired ? "1201" : "1101";

    public static int Age(DateOnly birthday, DateOnly on)
    {
        var age = on.Year - birthday.Year;
        return on < birthday.AddYears(age) ? age - 1 : age;
    }
}
