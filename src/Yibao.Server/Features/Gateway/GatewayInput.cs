using System.Globalization;
using System.Text.Json;

namespace Yibao.Server.Features.Gateway;

/// <summary>Reads a block of <c>input</c>, leniently (numbers as strings and strings as numbers), refusing precisely.</summary>
internal readonly struct GatewayInput(JsonElement element, string path)
{
    public JsonElement Element => element;

    public GatewayInput Block(string name) =>
        element.TryGetProperty(name, out var block) && block.ValueKind == JsonValueKind.Object
            ? new GatewayInput(block, $"{path}.{name}")
            : throw new GatewayRefusal($"{path}.{name} is required and must be an object.");

    public IReadOnlyList<GatewayInput> List(string name)
    {
        if (!element.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new GatewayRefusal($"{path}.{name} is required and must be an array.");
        }

        var p = path;
        return list.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.Object
            ? new GatewayInput(item, $"{p}.{name}[{i}]")
            : throw new GatewayRefusal($"{p}.{name}[{i}] must be an object.")).ToList();
    }

    public string Text(string name, int maxLength = 100) =>
        OptionalText(name, maxLength) is { Length: > 0 } value ? value : throw new GatewayRefusal($"{path}.{name} is required.");

    public string? OptionalText(string name, int maxLength = 100)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw new GatewayRefusal($"{path}.{name} must be a string."),
        };
        return text is { Length: var length } && length > maxLength
            ? throw new GatewayRefusal($"{path}.{name} is at most {maxLength} characters.")
            : string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>A <c>0</c>/<c>1</c> flag; absent is 0.</summary>
    public bool Flag(string name) => OptionalText(name, 1) switch
    {
        null or "0" => false,
        "1" => true,
        _ => throw new GatewayRefusal($"{path}.{name} is 0 or 1."),
    };

    public decimal Decimal(string name) =>
        OptionalDecimal(name) ?? throw new GatewayRefusal($"{path}.{name} is required.");

    public decimal? OptionalDecimal(string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        return value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new GatewayRefusal($"{path}.{name} must be a number.");
    }

    /// <summary>A time as HIS systems send it, in agency time: a date-time (<c>yyyy-MM-dd HH:mm:ss</c>, with a T, or compact) or a date.</summary>
    public DateTimeOffset? OptionalTime(string name, TimeSpan offset)
    {
        if (OptionalText(name, 30) is not { } text)
        {
            return null;
        }

        foreach (var format in new[] { "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd", "yyyyMMddHHmmss", "yyyyMMdd" })
        {
            if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return new DateTimeOffset(local, offset);
            }
        }

        throw new GatewayRefusal($"{path}.{name} must be a date-time yyyy-MM-dd HH:mm:ss or a date yyyy-MM-dd.");
    }

    public DateOnly Date(string name) =>
        DateOnly.TryParseExact(Text(name, 19)[..Math.Min(10, Text(name, 19).Length)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new GatewayRefusal($"{path}.{name} must be a date yyyy-MM-dd.");
}
