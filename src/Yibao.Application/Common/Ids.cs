using System.Globalization;
using System.Security.Cryptography;

namespace Yibao.Application;

/// <summary>Identifiers that sort by time and never collide: prefix + yyyyMMddHHmmss + 10 random digits.</summary>
public static class Ids
{
    public static string New(string prefix, DateTimeOffset at) =>
        prefix + at.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + RandomNumberGenerator.GetInt32(0, int.MaxValue).ToString("D10", CultureInfo.InvariantCulture);
}
