using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Yibao.Server.Infrastructure;

/// <summary>
/// Writes every decimal with at least two places (<c>100.80</c>, not <c>100.8</c>), as money is
/// written in the national interface, whatever scale the database gave back; reads numbers or
/// numeric strings.
/// </summary>
internal sealed class DecimalJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDecimal(),
        JsonTokenType.String when decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new JsonException("expected a decimal number"),
    };

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(value.ToString("0.00############", CultureInfo.InvariantCulture), skipInputValidation: true);
    }
}
