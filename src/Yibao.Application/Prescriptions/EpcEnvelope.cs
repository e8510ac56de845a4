using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Parameters;
using Yibao.Domain;

namespace Yibao.Application.Prescriptions;

/// <summary>The refusals of the e-prescription transport.</summary>
public static class EpcErrors
{
    public static readonly ErrorCode Malformed = new("epc_malformed", ErrorKind.Invalid);
    public static readonly ErrorCode UnknownApp = new("epc_unknown_app", ErrorKind.Unauthenticated);
    public static readonly ErrorCode SignatureInvalid = new("epc_signature_invalid", ErrorKind.Unauthenticated);
    public static readonly ErrorCode UnknownTransaction = new("epc_unknown_transaction", ErrorKind.NotFound);
}

/// <summary>What the opener knows of an app: its secret, and the public key its requests are signed with.</summary>
public sealed record EpcApp(string AppId, string AppSecret, ECPublicKeyParameters PublicKey);

/// <summary>An opened request: which app sent it, and its JSON input.</summary>
public sealed record EpcMessage(string AppId, long Timestamp, string Data);

/// <summary>
/// The national e-prescription transport's body (<c>spec/e-prescription.md</c>): <c>appId</c>,
/// <c>encType</c> SM4, <c>signType</c> SM2, <c>timestamp</c>, <c>encData</c> (the input, encrypted
/// under the app's derived key) and <c>signData</c> (SM3withSM2 over the signed text). Answers go
/// back in the same form.
/// </summary>
public static class EpcEnvelope
{
    /// <summary>The body carrying <paramref name="data"/> (JSON) from the app, signed with <paramref name="signingKey"/>.</summary>
    public static string Seal(string appId, string appSecret, ECPrivateKeyParameters signingKey, string data, long timestamp)
    {
        var fields = new Dictionary<string, string?>
        {
            ["appId"] = appId,
            ["encType"] = "SM4",
            ["signType"] = "SM2",
            ["timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
            ["encData"] = NationalCrypto.Encrypt(NationalCrypto.Sm4Key(appId, appSecret), data),
        };
        var body = new JsonObject
        {
            ["appId"] = appId,
            ["encType"] = "SM4",
            ["signType"] = "SM2",
            ["timestamp"] = timestamp,
            ["encData"] = fields["encData"],
            ["signData"] = NationalCrypto.Sign(signingKey, NationalCrypto.SignedText(fields, appSecret)),
        };
        return body.ToJsonString();
    }

    /// <summary>The request's input, once its app is known, its signature verifies and its data decrypts; the refusal otherwise.</summary>
    public static Result<EpcMessage> Open(string body, Func<string, EpcApp?> apps)
    {
        ArgumentNullException.ThrowIfNull(apps);
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }

        if (json is null)
        {
            return EpcErrors.Malformed.With("the body is {appId, encType: SM4, signType: SM2, timestamp, encData, signData}");
        }

        // Who is calling comes first: a body that names no known app is unauthenticated, whatever else it lacks.
        if (Text(json, "appId") is not { Length: > 0 } appId || apps(appId) is not { } app)
        {
            return EpcErrors.UnknownApp.With("the body names no registered appId");
        }

        if (Text(json, "encData") is not { Length: > 0 } encData || Text(json, "signData") is not { Length: > 0 } signData
            || !long.TryParse(Text(json, "timestamp"), CultureInfo.InvariantCulture, out var timestamp) || Text(json, "encType") != "SM4" || Text(json, "signType") != "SM2")
        {
            return EpcErrors.Malformed.With("the body is {appId, encType: SM4, signType: SM2, timestamp, encData, signData}");
        }

        var fields = json.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => Text(json, p.Key));
        if (!NationalCrypto.Verify(app.PublicKey, NationalCrypto.SignedText(fields, app.AppSecret), signData))
        {
            return EpcErrors.SignatureInvalid.With("signData does not verify for this app");
        }

        return NationalCrypto.Decrypt(NationalCrypto.Sm4Key(appId, app.AppSecret), encData) is { } data
            ? new EpcMessage(appId, timestamp, data)
            : EpcErrors.Malformed.With("encData does not decrypt under this app's key");
    }

    private static string? Text(JsonObject json, string name) => json[name] is JsonValue value
        ? value.TryGetValue<string>(out var text) ? text : value.ToJsonString()
        : null;
}
