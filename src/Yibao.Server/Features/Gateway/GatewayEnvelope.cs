using System.Globalization;
using System.Text.Json;

namespace Yibao.Server.Features.Gateway;

/// <summary>The request envelope of the national interface (spec/national-interface.md), validated.</summary>
internal sealed record GatewayRequest(
    string Infno,
    string Msgid,
    string MdtrtareaAdmvs,
    string? InsuplcAdmdvs,
    string RecerSysCode,
    string Infver,
    string OpterType,
    string Opter,
    string OpterName,
    string InfTime,
    string FixmedinsCode,
    string FixmedinsName,
    string? SignNo,
    JsonElement Input);

/// <summary>A refusal in the gateway: becomes <c>infcode -1</c> with this message.</summary>
#pragma warning disable CA1032, CA1064 // internal control flow of the envelope and input readers only
internal sealed class GatewayRefusal(string message) : Exception(message);
#pragma warning restore CA1032, CA1064

internal static class GatewayEnvelope
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static int MaxBody => MaxBodyBytes;

    /// <summary>Reads and validates the envelope: presence, length and format of every field.</summary>
    public static GatewayRequest Read(string body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new GatewayRefusal($"The request is not valid JSON: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new GatewayRefusal("The request must be a JSON object (the envelope).");
        }

        var fixmedinsCode = Field(root, "fixmedins_code", 30, required: true)!;
        var infno = Field(root, "infno", 4, required: true)!;
        if (infno.Length != 4 || !infno.All(char.IsAsciiDigit))
        {
            throw new GatewayRefusal("infno must be 4 digits, e.g. 2207.");
        }

        var msgid = Field(root, "msgid", 30, required: true)!;
        if (msgid.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new GatewayRefusal("msgid must be 1 to 30 printable characters without spaces.");
        }

        var mdtrtarea = Field(root, "mdtrtarea_admvs", 6, required: true)!;
        if (!Domain.Areas.IsValidCode(mdtrtarea))
        {
            throw new GatewayRefusal("mdtrtarea_admvs must be a 6-digit area code.");
        }

        var insuplc = Field(root, "insuplc_admdvs", 6, required: false);
        if (!string.IsNullOrEmpty(insuplc) && !Domain.Areas.IsValidCode(insuplc))
        {
            throw new GatewayRefusal("insuplc_admdvs must be a 6-digit area code.");
        }

        Field(root, "dev_no", 100, required: false);
        Field(root, "dev_safe_info", 2000, required: false);
        Field(root, "cainfo", MaxBodyBytes, required: false); // real clients put longer signatures here than the 1024 the spec names
        Field(root, "signtype", 10, required: false);
        var opterType = Field(root, "opter_type", 3, required: true)!;
        if (opterType is not ("1" or "2" or "3"))
        {
            throw new GatewayRefusal("opter_type must be 1 (clerk), 2 (self-service) or 3 (mobile).");
        }

        var infTime = Field(root, "inf_time", 19, required: true)!;
        if (!DateTime.TryParseExact(infTime, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new GatewayRefusal("inf_time must be yyyy-MM-dd HH:mm:ss.");
        }

        return new GatewayRequest(
            infno,
            msgid,
            mdtrtarea,
            string.IsNullOrEmpty(insuplc) ? null : insuplc,
            Field(root, "recer_sys_code", 50, required: true)!, // YBXT, an area code, a vendor word or free text
            Infver(root),
            opterType,
            Field(root, "opter", 30, required: true)!,
            Field(root, "opter_name", 50, required: true)!,
            infTime,
            fixmedinsCode,
            Field(root, "fixmedins_name", 200, required: true)!,
            Field(root, "sign_no", 30, required: false) is { Length: > 0 } signNo ? signNo : null,
            Input(root));
    }

    /// <summary><c>infver</c> as clients write version 1: <c>V1.0</c>, <c>1.0</c> or <c>1</c> (any case of the V).</summary>
    private static string Infver(JsonElement root)
    {
        var infver = Field(root, "infver", 6, required: true)!;
        var version = infver[0] is 'V' or 'v' ? infver[1..] : infver;
        return version is "1.0" or "1"
            ? infver
            : throw new GatewayRefusal("infver must be V1.0 (also written 1.0 or 1).");
    }

    /// <summary>A string field, lenient where clients are: a number is taken as its text.</summary>
    private static string? Field(JsonElement root, string name, int maxLength, bool required)
    {
        string? value = null;
        if (root.TryGetProperty(name, out var element))
        {
            value = element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Number => element.GetRawText(),
                JsonValueKind.Null => null,
                _ => throw new GatewayRefusal($"{name} must be a string."),
            };
        }

        if (required && string.IsNullOrWhiteSpace(value))
        {
            throw new GatewayRefusal($"{name} is required.");
        }

        return value is { Length: var length } && length > maxLength
            ? throw new GatewayRefusal($"{name} is at most {maxLength} characters.")
            : value;
    }

    /// <summary><c>input</c> is an object; some clients send it as a JSON string holding the object.</summary>
    private static JsonElement Input(JsonElement root)
    {
        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            throw new GatewayRefusal("input is required.");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var inner = JsonDocument.Parse(input.GetString()!);
                input = inner.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new GatewayRefusal("input is a string that does not hold a JSON object.");
            }
        }

        return input.ValueKind == JsonValueKind.Object ? input : throw new GatewayRefusal("input must be an object.");
    }
}

/// <summary>The response envelope.</summary>
internal sealed record GatewayResponse(
    int Infcode,
    string InfRefmsgid,
    string RefmsgTime,
    string RespondTime,
    string? ErrMsg,
    string? WarnMsg,
    object? Output);
