using System.Globalization;
using System.Text.Json;

namespace Yibao.Domain.Interchange;

/// <summary>Raised inside the readers only; the public readers turn it into a <see cref="DomainError"/>.</summary>
#pragma warning disable CA1064, CA1032 // internal control flow of the readers, never escapes them
internal sealed class MalformedDocumentException(string path, string message) : Exception($"{path}: {message}")
{
    public string Path { get; } = path;
}
#pragma warning restore CA1064, CA1032

/// <summary>
/// Lenient, precise field access over <see cref="JsonElement"/>: numbers may come as JSON numbers or
/// numeric strings, codes as strings or numbers (real clients send both); every failure names its path.
/// </summary>
internal static class JsonFields
{
    public static JsonElement Required(this JsonElement obj, string name, string path)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedDocumentException(path, "expected an object");
        }

        return obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new MalformedDocumentException($"{path}.{name}", "is required");
    }

    public static JsonElement? Optional(this JsonElement obj, string name)
    {
        return obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;
    }

    public static decimal Decimal(this JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDecimal(out var d):
                return d;
            case JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var s):
                return s;
            default:
                throw new MalformedDocumentException(path, "expected a decimal number");
        }
    }

    public static decimal RequiredDecimal(this JsonElement obj, string name, string path) => obj.Required(name, path).Decimal($"{path}.{name}");

    public static decimal? OptionalDecimal(this JsonElement obj, string name, string path) =>
        obj.Optional(name) is { } v ? v.Decimal($"{path}.{name}") : null;

    public static string Text(this JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        _ => throw new MalformedDocumentException(path, "expected a string"),
    };

    public static string RequiredText(this JsonElement obj, string name, string path) => obj.Required(name, path).Text($"{path}.{name}");

    public static string? OptionalText(this JsonElement obj, string name, string path) =>
        obj.Optional(name) is { } v ? v.Text($"{path}.{name}") : null;

    public static bool OptionalBool(this JsonElement obj, string name, string path, bool defaultValue)
    {
        if (obj.Optional(name) is not { } v)
        {
            return defaultValue;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(v.GetString(), out var b) => b,
            _ => throw new MalformedDocumentException($"{path}.{name}", "expected true or false"),
        };
    }

    public static int Int(this JsonElement value, string path)
    {
        var d = value.Decimal(path);
        return d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue
            ? (int)d
            : throw new MalformedDocumentException(path, "expected an integer");
    }

    public static int Level(this JsonElement value, string path)
    {
        var level = value.Int(path);
        return level is >= 1 and <= 3 ? level : throw new MalformedDocumentException(path, "institution level is 1, 2 or 3");
    }

    public static DateOnly Date(this JsonElement value, string path) =>
        DateOnly.TryParseExact(value.Text(path), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new MalformedDocumentException(path, "expected a date yyyy-MM-dd");

    public static T Code<T>(this JsonElement value, string path, TryParser<T> parse, string allowed) =>
        parse(value.Text(path), out var result) ? result : throw new MalformedDocumentException(path, $"expected one of {allowed}");

    public static IEnumerable<(JsonElement Item, string Path)> Items(this JsonElement array, string path)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedDocumentException(path, "expected an array");
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, $"{path}[{i++}]");
        }
    }

    public static IEnumerable<(string Name, JsonElement Value, string Path)> Properties(this JsonElement obj, string path)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedDocumentException(path, "expected an object");
        }

        foreach (var p in obj.EnumerateObject())
        {
            yield return (p.Name, p.Value, $"{path}.{p.Name}");
        }
    }

    public delegate bool TryParser<T>(string? text, out T value);
}

/// <summary>Runs a reader and turns malformed input into a stable error.</summary>
public static class DocumentErrors
{
    public static DomainError Malformed(string message) => ReferenceErrors.MalformedDocument.With(message);

    internal static Result<T> Read<T>(string json, Func<JsonElement, T> read)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return read(doc.RootElement);
        }
        catch (JsonException ex)
        {
            return Malformed($"not valid JSON: {ex.Message}");
        }
        catch (MalformedDocumentException ex)
        {
            return Malformed(ex.Message);
        }
    }

    internal static Result<T> Read<T>(JsonElement element, Func<JsonElement, T> read)
    {
        try
        {
            return read(element);
        }
        catch (MalformedDocumentException ex)
        {
            return Malformed(ex.Message);
        }
    }
}
