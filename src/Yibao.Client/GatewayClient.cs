using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Yibao.Client;

/// <summary>Who is calling: the institution as the envelope names it, and its gateway credential.</summary>
public sealed record GatewayIdentity(string FixmedinsCode, string FixmedinsName, string Area, string Paasid, string Token)
{
    /// <summary>The credentials the demo data set gives its institutions.</summary>
    public static GatewayIdentity Demo(string fixmedinsCode, string area) =>
        new(fixmedinsCode, fixmedinsCode, area, fixmedinsCode, "demo-" + fixmedinsCode);
}

/// <summary>A response envelope.</summary>
public sealed record GatewayResult(int Infcode, string? ErrMsg, JsonElement Output, string Msgid, string Raw)
{
    public bool IsSuccess => Infcode == 0;

    /// <summary>The output, or an exception carrying <c>err_msg</c>.</summary>
    public JsonElement Expect() => IsSuccess ? Output : throw new GatewayCallException(ErrMsg ?? "infcode -1");
}

/// <summary>A transaction the gateway refused (<c>infcode -1</c>); the message is its <c>err_msg</c>.</summary>
public sealed class GatewayCallException : Exception
{
    public GatewayCallException()
        : base("infcode -1")
    {
    }

    public GatewayCallException(string message)
        : base(message)
    {
    }

    public GatewayCallException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Calls <c>/fsi/api/rsfComIfsService/callService</c> as a HIS does: builds the envelope, numbers the
/// msgid, signs the x-tif headers, and keeps the sign_no of its sign-in.
/// </summary>
public sealed class GatewayClient(HttpClient http, GatewayIdentity identity, TimeProvider? clock = null)
{
    public const string Path = "/fsi/api/rsfComIfsService/callService";
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private int _sequence;

    public GatewayIdentity Identity => identity;

    public string? SignNo { get; private set; }

    /// <summary><c>msgid</c> = fixmedins_code + yyyyMMddHHmmss + 4-digit sequence.</summary>
    public string NextMsgId() =>
        identity.FixmedinsCode + Now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
        + (Interlocked.Increment(ref _sequence) % 10_000).ToString("D4", CultureInfo.InvariantCulture);

    private DateTimeOffset Now => _clock.GetUtcNow().ToOffset(ChinaOffset);

    /// <summary>Sends one transaction; <paramref name="msgid"/> is for retries and replays.</summary>
    public async Task<GatewayResult> CallAsync(string infno, object input, string? msgid = null, string? insuplcAdmdvs = null, CancellationToken cancellationToken = default)
    {
        msgid ??= NextMsgId();
        var envelope = Envelope(infno, msgid, JsonSerializer.SerializeToNode(input), insuplcAdmdvs);
        using var response = await SendAsync(envelope.ToJsonString(), Sign(), cancellationToken);
        var raw = await response.Content.ReadAsStringAsync(cancellationToken);
        return Parse(raw, msgid);
    }

    /// <summary>The envelope for a transaction, for callers that want to change it before sending.</summary>
    public JsonObject Envelope(string infno, string msgid, JsonNode? input, string? insuplcAdmdvs = null) => new()
    {
        ["infno"] = infno,
        ["msgid"] = msgid,
        ["mdtrtarea_admvs"] = identity.Area,
        ["insuplc_admdvs"] = insuplcAdmdvs ?? "",
        ["recer_sys_code"] = "YBXT",
        ["dev_no"] = "",
        ["dev_safe_info"] = "",
        ["cainfo"] = "",
        ["signtype"] = "SM3",
        ["infver"] = "V1.0",
        ["opter_type"] = "1",
        ["opter"] = "001",
        ["opter_name"] = "clerk",
        ["inf_time"] = Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        ["fixmedins_code"] = identity.FixmedinsCode,
        ["fixmedins_name"] = identity.FixmedinsName,
        ["sign_no"] = SignNo ?? "",
        ["input"] = input,
    };

    /// <summary>The four x-tif headers for one request, with a fresh nonce.</summary>
    public IReadOnlyDictionary<string, string> Sign(string? nonce = null, DateTimeOffset? at = null, string? token = null) =>
        TifSignature.Headers(identity with { Token = token ?? identity.Token }, at ?? _clock.GetUtcNow(), nonce);

    /// <summary>Posts any body with any headers: for tests of what the gateway refuses.</summary>
    public async Task<HttpResponseMessage> SendAsync(string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await http.SendAsync(request, cancellationToken);
    }

    public static GatewayResult Parse(string raw, string msgid)
    {
        using var document = JsonDocument.Parse(raw);
        var root = document.RootElement;
        return new GatewayResult(
            root.GetProperty("infcode").GetInt32(),
            root.TryGetProperty("err_msg", out var err) && err.ValueKind == JsonValueKind.String ? err.GetString() : null,
            root.TryGetProperty("output", out var output) ? output.Clone() : default,
            msgid,
            raw);
    }

    /// <summary>The scanner's decode call: a person's QR code becomes an ecToken for this institution.</summary>
    public async Task<(string? EcToken, string Message)> DecodeQrCodeAsync(string qrCode, string businessType = "01101", CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(new { data = new { qrCode, businessType, deviceType = "scanner", orgId = identity.FixmedinsCode, operatorId = "001", operatorName = "clerk", officeId = "A01", officeName = "General" } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/localcfc/api/hsecfc/localQrCodeQuery") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in Sign())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = document.RootElement;
        return root.GetProperty("code").GetInt32() == 0
            ? (root.GetProperty("data").GetProperty("ecToken").GetString(), "")
            : (null, root.GetProperty("message").GetString() ?? "");
    }

    /// <summary>Records a real-person (face) check of an ecToken's holder; the message is empty on success.</summary>
    public async Task<(bool Verified, string Message)> VerifyFaceAsync(string ecToken, string faceData, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(new { data = new { ecToken, orgId = identity.FixmedinsCode, faceData } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/localcfc/api/hsecfc/faceVerify") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in Sign())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.GetProperty("code").GetInt32() == 0 ? (true, "") : (false, document.RootElement.GetProperty("message").GetString() ?? "");
    }

    // The transactions, typed where it helps.

    public async Task<string> SignInAsync(string opterNo = "001", CancellationToken cancellationToken = default)
    {
        var output = (await CallAsync("9001", new { signIn = new { opter_no = opterNo, mac = "00:00:00:00:00:00", ip = "127.0.0.1" } }, cancellationToken: cancellationToken)).Expect();
        return SignNo = output.GetProperty("signinoutb").GetProperty("sign_no").GetString()!;
    }

    public Task<GatewayResult> PersonInfoAsync(string certType, string certNo, string? cardSn = null, CancellationToken cancellationToken = default) =>
        CallAsync("1101", new { data = new { mdtrt_cert_type = certType, mdtrt_cert_no = certNo, card_sn = cardSn ?? "", begntime = "", psn_cert_type = "01", certno = certNo, psn_name = "" } }, cancellationToken: cancellationToken);

    /// <param name="visitKind">first or followUp, sent in exp_content (absent: a follow-up).</param>
    /// <param name="onlineService">followUp, pharmacyClinic or homeNursing, sent in exp_content (absent: a follow-up consultation).</param>
    public Task<GatewayResult> RegisterAsync(string psnNo, string insutype, string insuplcAdmdvs, string certType, string certNo, string? visitKind = null, CancellationToken cancellationToken = default, string? onlineService = null) =>
        CallAsync("2201", new
        {
            data = new
            {
                psn_no = psnNo,
                insutype,
                begntime = Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                mdtrt_cert_type = certType,
                mdtrt_cert_no = certNo,
                ipt_otp_no = "OTP" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture),
                atddr_no = "D001",
                dr_name = "Dr. Wang",
                dept_code = "A01",
                dept_name = "General",
                caty = "A01",
                exp_content = visitKind is null && onlineService is null ? null : JsonSerializer.Serialize(new { visit_kind = visitKind, online_service = onlineService }),
            },
        }, insuplcAdmdvs: insuplcAdmdvs, cancellationToken: cancellationToken);

    public Task<GatewayResult> UploadFeesAsync(string mdtrtId, string psnNo, IEnumerable<FeeDetail> lines, CancellationToken cancellationToken = default) =>
        CallAsync("2204", new
        {
            feedetail = lines.Select(l => new
            {
                feedetl_sn = l.FeedetlSn,
                mdtrt_id = mdtrtId,
                psn_no = psnNo,
                chrg_bchno = "0000",
                fee_ocur_time = Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                med_list_codg = l.Code,
                medins_list_codg = l.Code,
                det_item_fee_sumamt = l.Amount,
                cnt = l.Qty,
                pric = l.Price,
                bilg_dept_codg = "A01",
                bilg_dept_name = "General",
                bilg_dr_codg = "D001",
                bilg_dr_name = "Dr. Wang",
                hosp_appr_flag = "1",
            }).ToList(),
        }, cancellationToken: cancellationToken);

    public Task<GatewayResult> PreSettleAsync(SettleRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("2206", request.Data(), insuplcAdmdvs: request.InsuplcAdmdvs, cancellationToken: cancellationToken);

    public Task<GatewayResult> SettleAsync(SettleRequest request, string? msgid = null, CancellationToken cancellationToken = default) =>
        CallAsync("2207", request.Data(), msgid, request.InsuplcAdmdvs, cancellationToken);

    public Task<GatewayResult> CancelSettlementAsync(string setlId, string mdtrtId, string psnNo, string? msgid = null, CancellationToken cancellationToken = default) =>
        CallAsync("2208", new { data = new { setl_id = setlId, mdtrt_id = mdtrtId, psn_no = psnNo } }, msgid, cancellationToken: cancellationToken);

    public Task<GatewayResult> ReverseAsync(string psnNo, string omsgid, string oinfno, CancellationToken cancellationToken = default) =>
        CallAsync("2601", new { data = new { psn_no = psnNo, omsgid, oinfno } }, cancellationToken: cancellationToken);

    public Task<GatewayResult> QuerySettlementAsync(string setlId, string mdtrtId, string psnNo, CancellationToken cancellationToken = default) =>
        CallAsync("5203", new { data = new { psn_no = psnNo, setl_id = setlId, mdtrt_id = mdtrtId } }, cancellationToken: cancellationToken);

    /// <summary>6201: a mobile-payment order for the visit's uploaded fees (pay_ord_id, pay_token, the split).</summary>
    public Task<GatewayResult> PaymentOrderAsync(string mdtrtId, string psnNo, string certType, string certNo, decimal? deliveryFee = null, bool useAccount = true, string? msgid = null, CancellationToken cancellationToken = default) =>
        CallAsync("6201", new { data = new { mdtrt_id = mdtrtId, psn_no = psnNo, mdtrt_cert_type = certType, mdtrt_cert_no = certNo, acct_used_flag = useAccount ? "1" : "0", deliv_fee = deliveryFee } }, msgid, cancellationToken: cancellationToken);

    /// <summary>6301: a payment order's state and split.</summary>
    public Task<GatewayResult> QueryPaymentOrderAsync(string payOrdId, CancellationToken cancellationToken = default) =>
        CallAsync("6301", new { data = new { pay_ord_id = payOrdId } }, cancellationToken: cancellationToken);

    /// <summary>6401: revoke an unpaid order.</summary>
    public Task<GatewayResult> RevokePaymentOrderAsync(string payOrdId, string? reason = null, CancellationToken cancellationToken = default) =>
        CallAsync("6401", new { data = new { pay_ord_id = payOrdId, reason } }, cancellationToken: cancellationToken);

    /// <summary>6203: refund a settled order in full.</summary>
    public Task<GatewayResult> RefundPaymentOrderAsync(string payOrdId, string? reason = null, CancellationToken cancellationToken = default) =>
        CallAsync("6203", new { data = new { pay_ord_id = payOrdId, reason } }, cancellationToken: cancellationToken);
}

/// <summary>The provincial TIF signature, which the gateway and the native API both check.</summary>
public static class TifSignature
{
    /// <summary><c>x-tif-paasid</c>, <c>x-tif-timestamp</c>, <c>x-tif-nonce</c> (fresh unless given) and <c>x-tif-signature</c> = hex SHA-256(timestamp + token + nonce + timestamp).</summary>
    public static IReadOnlyDictionary<string, string> Headers(GatewayIdentity identity, DateTimeOffset at, string? nonce = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        nonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var signature = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(timestamp + identity.Token + nonce + timestamp)));
        return new Dictionary<string, string>
        {
            ["x-tif-paasid"] = identity.Paasid,
            ["x-tif-timestamp"] = timestamp,
            ["x-tif-nonce"] = nonce,
            ["x-tif-signature"] = signature,
        };
    }
}

/// <summary>Signs every request it sends as <paramref name="identity"/>: an institution's client of the native API.</summary>
public sealed class TifSigningHandler(GatewayIdentity identity, TimeProvider? clock = null) : DelegatingHandler
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var (name, value) in TifSignature.Headers(identity, _clock.GetUtcNow()))
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>One line of a 2204 upload.</summary>
public sealed record FeeDetail(string FeedetlSn, string Code, decimal Price, decimal Qty, decimal Amount)
{
    public static FeeDetail Of(string feedetlSn, string code, decimal price, decimal qty) =>
        new(feedetlSn, code, price, qty, Math.Round(price * qty, 2, MidpointRounding.AwayFromZero));
}

/// <summary>The data of a 2206 or 2207.</summary>
public sealed record SettleRequest(string MdtrtId, string PsnNo, string Insutype, string InsuplcAdmdvs, string MedType, decimal MedfeeSumamt, string CertType, string CertNo, bool UseAccount = true)
{
    public object Data() => new
    {
        data = new
        {
            psn_no = PsnNo,
            mdtrt_cert_type = CertType,
            mdtrt_cert_no = CertNo,
            med_type = MedType,
            medfee_sumamt = MedfeeSumamt,
            psn_setlway = "01",
            mdtrt_id = MdtrtId,
            chrg_bchno = "0000",
            insutype = Insutype,
            acct_used_flag = UseAccount ? "1" : "0",
        },
    };
}
