using System.Text.Json;
using System.Text.RegularExpressions;

namespace Yibao.Server.Infrastructure;

/// <summary>
/// What the framework says about a request it could not bind, retold for the caller: the field or
/// parameter by its wire name, never a .NET type.
/// </summary>
internal static partial class BadRequests
{
    public static string Describe(BadHttpRequestException bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        if (bad.InnerException is JsonException json)
        {
            var at = string.IsNullOrEmpty(json.Path) ? "" : $" at {json.Path}";
            var what = json.Message.Contains("could not be converted", StringComparison.Ordinal) ? "the value has the wrong type." : Shorten(json.Message);
            return $"The JSON body is malformed{at}: {what}";
        }

        if (BindFailure().Match(bad.Message) is { Success: true } bind)
        {
            return $"Parameter '{bind.Groups["name"].Value}' cannot be \"{bind.Groups["value"].Value}\".";
        }

        if (MissingParameter().Match(bad.Message) is { Success: true } missing)
        {
            return $"Parameter '{missing.Groups["name"].Value}' is required.";
        }

        if (bad.Message.StartsWith("Failed to read parameter", StringComparison.Ordinal) || bad.Message.Contains("request body", StringComparison.Ordinal))
        {
            return "The request body is missing or is not a JSON document of the expected shape.";
        }

        return TypeName().Replace(bad.Message, "");
    }

    /// <summary>System.Text.Json's reader message up to its own position suffix.</summary>
    private static string Shorten(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }

    [GeneratedRegex("""Failed to bind parameter "[^"]*? (?<name>\w+)" from "(?<value>[^"]*)"\.""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""Required parameter "[^"]*? (?<name>\w+)" was not provided""")]
    private static partial Regex MissingParameter();

    [GeneratedRegex("""\s*"[\w.`<>\[\], ]+ \w+"\s*""")]
    private static partial Regex TypeName();
}
