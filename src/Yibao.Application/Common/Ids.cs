using System.Globalization;
using System.Security.Cryptography;

namespace Yibao.Application;

/// <summary>
/// Identifiers that sort by time and do not collide: prefix + yyyyMMddHHmmssfff + a four-digit
/// sequence of this process + seven random digits; 30 characters with a two-letter prefix (the
/// national fields' width). Within a process the sequence tells apart up to 10,000 ids in one
/// millisecond; between processes the random digits do. (Ten random digits a second, as before,
/// collided under load: a thousand ids a second meet one collision every few days.)
/// </summary>
public static class Ids
{
    private static long _sequence = RandomNumberGenerator.GetInt32(0, 10_000);

    public static string New(string prefix, DateTimeOffset at)
    {
        var sequence = Interlocked.Increment(ref _sequence) % 10_000;
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{at:yyyyMMddHHmmssfff}{sequence:D4}{RandomNumberGenerator.GetInt32(0, 10_000_000):D7}");
    }
}
