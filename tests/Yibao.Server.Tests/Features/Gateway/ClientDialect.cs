using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Yibao.Server.Tests.Features.Gateway;

/// <summary>
/// How one kind of real HIS client writes the national envelope (a file in <c>Clients/</c>): the
/// form of its msgid, its infver, the fields it adds, and how it encodes <c>input</c>.
/// </summary>
public sealed record ClientDialect(
    string Name,
    string Msgid,
    string Infver,
    string RecerSysCode,
    string? OpterType = null,
    bool OpterTypeAsNumber = false,
    bool InputAsString = false,
    bool NumbersAsStrings = false,
    string ExpContent = "string",
    string Begntime = "datetime",
    string? Signtype = null,
    int CainfoLength = 0,
    Dictionary<string, string>? Extra = null)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Features", "Gateway", "Clients");

    public static ClientDialect Read(string file) =>
        JsonSerializer.Deserialize<ClientDialect>(File.ReadAllText(Path.Combine(Folder, file)), Options)!;

    /// <summary>Rewrites an envelope as this client would have written it; <paramref name="sequence"/> numbers its messages.</summary>
    public JsonObject Rewrite(JsonObject envelope, int sequence)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var infno = (string)envelope["infno"]!;
        var time = DateTime.ParseExact((string)envelope["inf_time"]!, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var code = (string)envelope["fixmedins_code"]!;
        envelope["msgid"] = Msgid switch
        {
            "institution+time+4" => code + time + (sequence % 10_000).ToString("D4", CultureInfo.InvariantCulture),
            "institution+time+1" => code + time + (sequence % 10).ToString(CultureInfo.InvariantCulture),
            "time+3" => time + (sequence % 1_000).ToString("D3", CultureInfo.InvariantCulture),
            "time+infno+2" => time + infno + "A" + (sequence % 100).ToString("D2", CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"unknown msgid form {Msgid}"),
        };
        envelope["infver"] = Infver;
        envelope["recer_sys_code"] = RecerSysCode;
        var opterType = OpterType ?? (string)envelope["opter_type"]!;
        envelope["opter_type"] = OpterTypeAsNumber ? JsonValue.Create(int.Parse(opterType, CultureInfo.InvariantCulture)) : opterType;
        if (Signtype is not null)
        {
            envelope["signtype"] = Signtype;
            envelope["cainfo"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('s', CainfoLength)))[..CainfoLength];
        }

        foreach (var (name, value) in Extra ?? [])
        {
            envelope[name] = value;
        }

        var input = envelope["input"]!.DeepClone();
        Encode(input);
        envelope["input"] = InputAsString ? input.ToJsonString() : input;
        return envelope;
    }

    /// <summary>Numbers as numeric strings, exp_content as an object or a string, begntime as a date.</summary>
    private void Encode(JsonNode node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Encode(item!);
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var (name, value) in obj.ToList())
        {
            switch (value)
            {
                case JsonValue number when NumbersAsStrings && number.GetValueKind() == JsonValueKind.Number:
                    obj[name] = number.ToJsonString();
                    break;
                case JsonValue text when name == "exp_content" && ExpContent == "object" && text.GetValueKind() == JsonValueKind.String:
                    obj[name] = JsonNode.Parse((string)text!);
                    break;
                case JsonObject content when name == "exp_content" && ExpContent == "string":
                    obj[name] = content.ToJsonString();
                    break;
                case JsonValue time when name == "begntime" && Begntime == "date" && ((string?)time)?.Length > 10:
                    obj[name] = ((string)time!)[..10];
                    break;
                case JsonNode child:
                    Encode(child);
                    break;
                default:
                    break;
            }
        }
    }
}

/// <summary>Sends every request of a <see cref="Client.GatewayClient"/> as a <see cref="ClientDialect"/> writes it.</summary>
internal sealed class DialectHandler(ClientDialect dialect) : DelegatingHandler
{
    private readonly Dictionary<string, string> _msgids = new(StringComparer.Ordinal);
    private int _sequence;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var envelope = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        var original = (string)envelope["msgid"]!;
        var rewritten = dialect.Rewrite(envelope, ++_sequence);
        if (_msgids.TryGetValue(original, out var msgid))
        {
            rewritten["msgid"] = msgid; // a retry keeps its message id
        }
        else
        {
            _msgids[original] = (string)rewritten["msgid"]!;
        }

        request.Content = new StringContent(rewritten.ToJsonString(), Encoding.UTF8, "application/json");
        return await base.SendAsync(request, cancellationToken);
    }
}
