using System.Text.RegularExpressions;

namespace Yibao.Domain.Privacy;

/// <summary>
/// How personal data is shown where it is not the point: in lists, logs and the audit log's
/// descriptions. An ID number keeps its first four and last four characters
/// (<c>3301**********0013</c>: the area and the check part a clerk reads back), a name its first character.
/// </summary>
public static partial class Masking
{
    public static string IdNumber(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        return idNumber.Length > 8 ? idNumber[..4] + new string('*', idNumber.Length - 8) + idNumber[^4..] : new string('*', idNumber.Length);
    }

    /// <summary><c>张伟</c> → <c>张*</c>; <c>Zhang Wei</c> → <c>Z********</c>.</summary>
    public static string Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var letters = System.Globalization.StringInfo.ParseCombiningCharacters(name);
        return letters.Length <= 1 ? name : name[..letters[1]] + new string('*', letters.Length - 1);
    }

    /// <summary>Masks every resident ID number (18 characters, or the old 15 digits) standing on its own in free text.</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IdNumbers().Replace(text, m => IdNumber(m.Value));
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:[1-9]\d{16}[0-9Xx]|[1-9]\d{14})(?![0-9A-Za-z])")]
    private static partial Regex IdNumbers();
}
