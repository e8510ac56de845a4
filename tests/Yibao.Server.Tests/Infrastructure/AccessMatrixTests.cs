using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Staff;
using Yibao.Client;
using Yibao.Server.Features.Gateway;
using Yibao.Server.Tests.Features.Gateway;
using Yibao.Server.Tests.Features.Payments;
using Yibao.Testing;

namespace Yibao.Server.Tests.Infrastructure;

/// <summary>
/// Every endpoint the server maps and every gateway transaction, driven by each kind of caller:
/// nobody, another institution, the institution that owns what the request names, staff of another
/// role, staff of the right role, and another insured person. The rules are declared here, one per
/// endpoint: an endpoint mapped later without a rule fails <see cref="Matrix_EveryEndpoint_HasARule"/>.
/// </summary>
public sealed class AccessMatrixTests : IAsyncLifetime
{
    private const string Owner = "H33010000001";
    private const string Other = "H33010000003";
    private const string ZhangWei = "3301000000000001";

    /// <summary>Who may call an endpoint.</summary>
    private enum Access
    {
        /// <summary>Anyone: health, documents, sign-in pages, the provider's signed callback, the simulated cashier.</summary>
        Public,

        /// <summary>An institution, acting on what the path names that is its own (another's answers 404).</summary>
        OwnResource,

        /// <summary>An institution, naming itself in the path (another's code answers 403).</summary>
        OwnPath,

        /// <summary>Any authenticated institution, for itself (a registration, a lookup with the person's proof, a price list).</summary>
        AnyInstitution,

        /// <summary>Any signed-in staff member.</summary>
        AnyStaff,

        /// <summary>The signed-in person, on their own pages (another's order answers 404).</summary>
        Person,

        /// <summary>The payment provider, by the signature of its callback: none of these callers.</summary>
        PaymentProvider,

        /// <summary>The console's pages: staff signed in with the staff cookie, of the page's role (any, when it names none).</summary>
        Console,

        /// <summary>A federation peer (the hub at a node, a node at the hub), by its request's signature: none of these callers.</summary>
        FederationPeer,
    }

    private sealed record Rule(Access Access, string? Role = null, string? ResourceOwner = null);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["GET /health"] = new(Access.Public),
        ["GET /"] = new(Access.Public),
        ["GET /openapi/{documentName}.json"] = new(Access.Public),
        ["GET /scalar/{documentName?}"] = new(Access.Public),
        ["GET /scalar/scalar.js"] = new(Access.Public),
        ["GET /scalar/scalar.aspnetcore.js"] = new(Access.Public),
        ["GET /scalar/favicon.svg"] = new(Access.Public),
        ["POST /api/persons/identification"] = new(Access.AnyInstitution),
        ["POST /api/visits/"] = new(Access.AnyInstitution),
        ["GET /api/visits/{mdtrtId}"] = new(Access.OwnResource, ResourceOwner: Owner),
        ["POST /api/visits/{mdtrtId}/fees"] = new(Access.OwnResource, ResourceOwner: Owner),
        ["DELETE /api/visits/{mdtrtId}/fees"] = new(Access.OwnResource, ResourceOwner: Owner),
        ["POST /api/visits/{mdtrtId}/pre-settlement"] = new(Access.OwnResource, ResourceOwner: Owner),
        ["POST /api/visits/{mdtrtId}/settlement"] = new(Access.OwnResource, ResourceOwner: Owner),
        ["POST /api/visits/{mdtrtId}/payment-order"] = new(Access.OwnResource, ResourceOwner: Owner),
        ["GET /api/settlements/{setlId}"] = new(Access.OwnResource, ResourceOwner: Owner),
        ["POST /api/settlements/{setlId}/cancellation"] = new(Access.OwnResource, ResourceOwner: Owner),
        ["GET /api/payment-orders/{payOrdId}"] = new(Access.OwnResource, ResourceOwner: PaymentFlow.InternetHospital),
        ["POST /api/payment-orders/{payOrdId}/revocation"] = new(Access.OwnResource, ResourceOwner: PaymentFlow.InternetHospital),
        ["POST /api/payment-orders/{payOrdId}/refund"] = new(Access.OwnResource, ResourceOwner: PaymentFlow.InternetHospital),
        ["GET /api/institutions/{fixmedinsCode}/daily-totals"] = new(Access.OwnPath),
        ["POST /api/institutions/{fixmedinsCode}/reconciliation/details"] = new(Access.OwnPath),
        ["GET /api/internet-plus-prices/{area}"] = new(Access.AnyInstitution),
        ["POST /api/payments/notify/{provider}"] = new(Access.PaymentProvider),
        ["POST /federation/persons/find"] = new(Access.FederationPeer),
        ["POST /federation/ledger"] = new(Access.FederationPeer),
        ["POST /federation/claims/adjudicate"] = new(Access.FederationPeer),
        ["POST /federation/claims/cancel"] = new(Access.FederationPeer),
        ["POST /federation/claims/restore"] = new(Access.FederationPeer),
        ["POST /federation/entries/aborted"] = new(Access.FederationPeer),
        ["POST /federation/decisions"] = new(Access.FederationPeer),
        ["POST /federation/keys"] = new(Access.FederationPeer),
        ["POST /federation/ecert/decode"] = new(Access.FederationPeer),
        ["POST /hub/areas/{area}/{**operation}"] = new(Access.FederationPeer),
        ["POST /hub/nodes/{node}/{**operation}"] = new(Access.FederationPeer),
        ["POST /hub/persons/find"] = new(Access.FederationPeer),
        ["POST /hub/keys"] = new(Access.FederationPeer),
        ["POST /api/staff/sign-in"] = new(Access.Public),
        ["POST /api/staff/sign-out"] = new(Access.AnyStaff),
        ["GET /api/staff/me"] = new(Access.AnyStaff),
        ["POST /api/staff/me/totp"] = new(Access.AnyStaff),
        ["PUT /api/staff/me/totp"] = new(Access.AnyStaff),
        ["PUT /api/admin/areas"] = new(Access.AnyStaff, StaffRoles.Admin),
        ["PUT /api/admin/persons"] = new(Access.AnyStaff, StaffRoles.Admin),
        ["PUT /api/admin/policies"] = new(Access.AnyStaff, StaffRoles.Policy),
        ["PUT /api/admin/catalogues/{area}"] = new(Access.AnyStaff, StaffRoles.Policy),
        ["PUT /api/admin/internet-plus-prices"] = new(Access.AnyStaff, StaffRoles.Policy),
        ["PUT /api/admin/supervision/{area}"] = new(Access.AnyStaff, StaffRoles.Policy),
        ["POST /api/supervision/analyses"] = new(Access.AnyInstitution),
        ["POST /api/supervision/feedback"] = new(Access.AnyInstitution),
        ["GET /api/admin/supervision/findings"] = new(Access.AnyStaff, StaffRoles.Audit),
        ["GET /api/admin/supervision/findings/{jrId}"] = new(Access.AnyStaff, StaffRoles.Audit),
        ["POST /api/admin/supervision/findings/{jrId}/review"] = new(Access.AnyStaff, StaffRoles.Audit),
        ["POST /api/admin/supervision/findings/{jrId}/decision"] = new(Access.AnyStaff, StaffRoles.Audit),
        ["GET /api/supervision/findings"] = new(Access.AnyInstitution),
        ["GET /api/supervision/findings/{jrId}"] = new(Access.OwnResource, ResourceOwner: Owner),
        ["POST /api/supervision/findings/{jrId}/answer"] = new(Access.OwnResource, ResourceOwner: Owner),
        ["PUT /api/admin/institutions"] = new(Access.AnyStaff, StaffRoles.Designation),
        ["GET /api/admin/institutions/{code}/designation"] = new(Access.AnyStaff, StaffRoles.Designation),
        ["PUT /api/admin/institutions/{code}/internet-agreement"] = new(Access.AnyStaff, StaffRoles.Designation),
        ["PUT /api/admin/institutions/{code}/agreement-status"] = new(Access.AnyStaff, StaffRoles.Designation),
        ["GET /api/admin/person-access"] = new(Access.AnyStaff, StaffRoles.Audit),
        ["GET /api/admin/persons/{psnNo}/filings"] = new(Access.AnyStaff, StaffRoles.Admin),
        ["POST /api/admin/persons/{psnNo}/filings"] = new(Access.AnyStaff, StaffRoles.Admin),
        ["POST /api/admin/persons/{psnNo}/filings/{id:long}/end"] = new(Access.AnyStaff, StaffRoles.Admin),
        ["GET /api/admin/clearing"] = new(Access.AnyStaff, StaffRoles.Clearing),
        ["GET /api/admin/clearing/{month}"] = new(Access.AnyStaff, StaffRoles.Clearing),
        ["POST /api/admin/clearing/{month}/run"] = new(Access.AnyStaff, StaffRoles.Clearing),
        ["POST /api/admin/clearing/{month}/areas/{area}/confirm"] = new(Access.AnyStaff, StaffRoles.Clearing),
        ["GET /api/admin/clearing/{month}/statement.{format}"] = new(Access.AnyStaff, StaffRoles.Clearing),
        ["GET /api/admin/advance-funds"] = new(Access.AnyStaff, StaffRoles.Clearing),
        ["POST /api/admin/advance-funds/{area}"] = new(Access.AnyStaff, StaffRoles.Clearing),
        ["GET /me/filings/"] = new(Access.Person),
        ["POST /me/filings/"] = new(Access.Person),
        ["POST /me/filings/{id:long}/end"] = new(Access.Person, ResourceOwner: ZhangWei),
        ["GET /me/sign-in"] = new(Access.Public),
        ["POST /me/sign-in"] = new(Access.Public),
        ["POST /me/sign-out"] = new(Access.Person),
        ["GET /me/certificate"] = new(Access.Person),
        ["GET /me/certificate/qr.json"] = new(Access.Person),
        ["GET /me/settlements"] = new(Access.Person),
        ["GET /me/orders/"] = new(Access.Person),
        ["GET /me/prescriptions/"] = new(Access.Person),
        ["GET /me/prescriptions/{hiRxno}"] = new(Access.Person, ResourceOwner: ZhangWei),
        ["GET /me/prescriptions/{hiRxno}/qr.json"] = new(Access.Person, ResourceOwner: ZhangWei),
        ["GET /me/orders/{payOrdId}"] = new(Access.Person, ResourceOwner: ZhangWei),
        ["POST /me/orders/{payOrdId}/confirm"] = new(Access.Person, ResourceOwner: ZhangWei),
        ["GET /epc/api/ca"] = new(Access.Public),
        ["POST /epc/api/fixmedins/{transaction}"] = new(Access.AnyInstitution), // by x-tif-* (plain JSON), or by the app's SM2 signature of the body
        ["GET /console/sign-in"] = new(Access.Public),
        ["POST /console/sign-in"] = new(Access.Public),
        ["POST /console/sign-out"] = new(Access.Console),
        ["GET /console"] = new(Access.Console),
        ["POST /console"] = new(Access.Console),
        ["GET /console/denied"] = new(Access.Console),
        ["POST /console/denied"] = new(Access.Console),
        ["GET /console/audit"] = new(Access.Console, StaffRoles.Audit),
        ["GET /console/institutions"] = new(Access.Console, StaffRoles.Designation),
        ["POST /console/institutions"] = new(Access.Console, StaffRoles.Designation),
        ["GET /console/institutions/{Code}"] = new(Access.Console, StaffRoles.Designation),
        ["POST /console/institutions/{Code}"] = new(Access.Console, StaffRoles.Designation),
        ["GET /console/settlements"] = new(Access.Console, StaffRoles.Audit),
        ["GET /console/prescriptions"] = new(Access.Console, StaffRoles.Audit),
        ["GET /console/filings"] = new(Access.Console, StaffRoles.Admin),
        ["POST /console/filings"] = new(Access.Console, StaffRoles.Admin),
        ["GET /console/clearing"] = new(Access.Console, StaffRoles.Clearing),
        ["POST /console/clearing"] = new(Access.Console, StaffRoles.Clearing),
        ["GET /console/clearing/advance-funds"] = new(Access.Console, StaffRoles.Clearing),
        ["GET /console/federation"] = new(Access.Console, StaffRoles.Admin),
        ["POST /console/federation"] = new(Access.Console, StaffRoles.Admin),
        ["POST /console/clearing/advance-funds"] = new(Access.Console, StaffRoles.Clearing),
        ["GET /console/clearing/{month}/statement.{format}"] = new(Access.Console, StaffRoles.Clearing),
        ["GET /console/supervision"] = new(Access.Console, StaffRoles.Audit),
        ["POST /console/supervision"] = new(Access.Console, StaffRoles.Audit),
        ["GET /console/supervision/findings/{JrId}"] = new(Access.Console, StaffRoles.Audit),
        ["POST /console/supervision/findings/{JrId}"] = new(Access.Console, StaffRoles.Audit),
        ["GET /console/supervision/knowledge"] = new(Access.Console, StaffRoles.Policy),
        ["POST /console/supervision/knowledge"] = new(Access.Console, StaffRoles.Policy),
        ["POST /console/prescriptions"] = new(Access.Console, StaffRoles.Audit),
        ["GET /console/prescriptions/{HiRxno}"] = new(Access.Console, StaffRoles.Audit),
        ["POST /console/prescriptions/{HiRxno}"] = new(Access.Console, StaffRoles.Audit),
        ["POST /console/settlements"] = new(Access.Console, StaffRoles.Audit),
        ["GET /console/settlements/{SetlId}"] = new(Access.Console, StaffRoles.Audit),
        ["POST /console/settlements/{SetlId}"] = new(Access.Console, StaffRoles.Audit),
        ["GET /console/settlements.csv"] = new(Access.Console, StaffRoles.Audit),
        ["POST /console/audit"] = new(Access.Console, StaffRoles.Audit),
        ["GET /console/policies"] = new(Access.Console, StaffRoles.Policy),
        ["POST /console/policies"] = new(Access.Console, StaffRoles.Policy),
        ["GET /console/policies/{Area}/{Insutype}/{Year:int}"] = new(Access.Console, StaffRoles.Policy),
        ["POST /console/policies/{Area}/{Insutype}/{Year:int}"] = new(Access.Console, StaffRoles.Policy),
        ["GET /console/policies/drafts/{Id:long}"] = new(Access.Console, StaffRoles.Policy),
        ["POST /console/policies/drafts/{Id:long}"] = new(Access.Console, StaffRoles.Policy),
        ["GET /console/simulations/{Id:long}"] = new(Access.Console, StaffRoles.Policy),
        ["POST /console/simulations/{Id:long}"] = new(Access.Console, StaffRoles.Policy),
        ["GET /console/simulations/{id:long}.csv"] = new(Access.Console, StaffRoles.Policy),
        ["GET /console/parity"] = new(Access.Console, StaffRoles.Policy),
        ["GET /console/catalogues"] = new(Access.Console, StaffRoles.Policy),
        ["POST /console/catalogues"] = new(Access.Console, StaffRoles.Policy),
        ["POST /console/catalogues/imports"] = new(Access.Console, StaffRoles.Policy),
        ["GET /console/catalogues/imports/{Id:long}"] = new(Access.Console, StaffRoles.Policy),
        ["POST /console/catalogues/imports/{Id:long}"] = new(Access.Console, StaffRoles.Policy),
        ["POST /console/parity"] = new(Access.Console, StaffRoles.Policy),
        ["GET /{**path:file}"] = new(Access.Public),
        ["HEAD /{**path:file}"] = new(Access.Public),
        ["GET /sim-pay/{tradeNo}"] = new(Access.Public),
        ["POST /sim-pay/{tradeNo}"] = new(Access.Public),

        // The national doors authenticate in their own envelope; their transactions are driven below.
        ["POST " + GatewayEndpoint.Path] = new(Access.AnyInstitution),
        ["POST /localcfc/api/hsecfc/localQrCodeQuery"] = new(Access.AnyInstitution),
        ["POST /localcfc/api/hsecfc/faceVerify"] = new(Access.AnyInstitution),
    };

    /// <summary>Gateway transactions that act on what another institution owns: it must answer as if it did not exist.</summary>
    private static readonly HashSet<string> OwnedTransactions = ["2202", "2203", "2204", "2205", "2206", "2207", "2208", "5203", "5206", "6201", "6203", "6301", "6401"];

    private YibaoServer _server = null!;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<HttpClient, string> _formTokens = [];

    public async Task InitializeAsync()
    {
        _server = await YibaoServer.StartAsync();
        var owner = _server.InstitutionClient(Owner);
        var open = await owner.RegisterAsync(ZhangWei, Owner);
        await owner.UploadAsync(open, Api.Line("XC08CAA001A001", 1.85m, 28));
        var settled = await owner.RegisterAsync(ZhangWei, Owner);
        await owner.UploadAsync(settled, Api.Line("XC08CAA001A001", 1.85m, 28));
        var settlement = await (await owner.SendAsync(HttpMethod.Post, $"/api/visits/{settled}/settlement", new { })).JsonAsync(201);
        var flow = new PaymentFlow(_server);
        var order = await flow.OrderAsync(await flow.VisitAsync());
        _values["mdtrtId"] = open;
        await ReviewQueue.RaiseAsync(_server);
        _values["jrId"] = await ReviewQueue.PutToInstitutionAsync(_server, Owner);
        _values["JrId"] = _values["jrId"];
        _values["hiRxno"] = await Prescribing.PrescribeAsync(_server, "H33010000001", ZhangWei, "I10", Prescribing.Drug("XA10BAA001A001", "Metformin", 28, 0.5m));
        _values["HiRxno"] = _values["hiRxno"];
        _values["setlId"] = settlement.GetProperty("setl_id").GetString()!;
        _values["SetlId"] = _values["setlId"];
        _values["payOrdId"] = order.GetProperty("pay_ord_id").GetString()!;
        _values["payToken"] = order.GetProperty("pay_token").GetString()!;
        _values["fixmedinsCode"] = Owner;
        _values["code"] = Owner;
        _values["Code"] = Owner;
        _values["area"] = "330100";
        _values["transaction"] = "circDrugQuery";
        _values["Area"] = "330100";
        _values["Insutype"] = "310";
        _values["Year:int"] = "2026";
        _values["Id:long"] = "1";
        var admin = await _server.StaffClientAsync();
        var filing = await (await admin.SendAsync(HttpMethod.Post, $"/api/admin/persons/{ZhangWei}/filings", new { type = "temporaryFiled", reason = "referral", to_area = "110100" })).JsonAsync(201);
        _values["id:long"] = filing.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture); // a filing of the person's (and no simulation)
        _values["psnNo"] = ZhangWei;
        _values["month"] = "2026-10";
        _values["format"] = "csv";
        _values["provider"] = "simulated";
        _values["tradeNo"] = "nope";
        _values["documentName"] = "v1";
        _values["documentName?"] = "v1";
        _values["**path"] = "index.html";
        _values["**path:file"] = "robots.txt";
        _values["node"] = "zj";
        _values["**operation"] = "decisions";
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The packages' own static files (MudBlazor's stylesheet, the framework's scripts): anyone's.</summary>
    private static Rule? RuleOf(string key) =>
        Rules.GetValueOrDefault(key) ?? (key.Split(' ') is [_, var path] && (path.StartsWith("/_content/", StringComparison.Ordinal) || path.StartsWith("/_framework/", StringComparison.Ordinal)) ? new Rule(Access.Public) : null);

    private IReadOnlyList<(string Key, string Method, string Path)> Endpoints() =>
        _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Key: $"{m} {Pattern(e)}", Method: m, Path: Pattern(e))))
            .DistinctBy(e => e.Key)
            .ToList();

    private static string Pattern(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.TrimStart('/');

    [Fact]
    public void Matrix_EveryEndpoint_HasARule()
    {
        var endpoints = Endpoints();

        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");
        var unruled = endpoints.Select(e => e.Key).Where(k => RuleOf(k) is null).ToList();
        var stale = Rules.Keys.Where(k => endpoints.All(e => e.Key != k)).ToList();
        Assert.True(unruled.Count == 0, "endpoints without an access rule: " + string.Join(", ", unruled));
        Assert.True(stale.Count == 0, "rules for endpoints that no longer exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Matrix_EveryEndpoint_AllowsAndDeniesEachKindOfCaller()
    {
        var callers = await CallersAsync();
        var failures = new List<string>();
        // Signing out last, so that no caller loses its session halfway.
        foreach (var (key, method, pattern) in Endpoints()
                     .Where(e => RuleOf(e.Key) is not null && !e.Path.StartsWith("/fsi/", StringComparison.Ordinal) && !e.Path.StartsWith("/localcfc/", StringComparison.Ordinal) && !e.Path.StartsWith("/_", StringComparison.Ordinal))
                     .OrderBy(e => e.Path.EndsWith("/sign-out", StringComparison.Ordinal)))
        {
            var rule = RuleOf(key)!;
            foreach (var (caller, client) in callers)
            {
                var expected = Expect(rule, caller);
                using var response = await SendAsync(client, method, pattern);
                var actual = Observe(response, rule);
                if (expected != actual)
                {
                    failures.Add($"{key} as {caller}: expected {expected}, got {actual} ({(int)response.StatusCode})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Matrix_EveryGatewayTransaction_AllowsOnlyItsInstitution()
    {
        var owner = await GatewayFixture.SignedInAsync(_server, Owner);
        var orderOwner = await GatewayFixture.SignedInAsync(_server, PaymentFlow.InternetHospital);
        var other = await GatewayFixture.SignedInAsync(_server, Other);
        var staff = await _server.StaffClientAsync(StaffRoles.Admin);
        var person = await Phone.SignInAsync(_server, "330106199007210037");
        var failures = new List<string>();
        // 5206 first: once another institution has registered the person (2201 below), they are its patient too.
        foreach (var infno in GatewayEndpoint.Infnos.Where(i => i is not "9001" and not "9002").OrderBy(i => i != "5206"))
        {
            var ownerAnswer = await (infno is "6203" or "6301" or "6401" ? orderOwner : owner).CallAsync(infno, Input(infno));
            var otherAnswer = await other.CallAsync(infno, Input(infno));
            foreach (var (who, client) in new[] { ("nobody", _server.CreateClient()), ("staff", staff), ("another person", person) })
            {
                var body = owner.Envelope(infno, owner.NextMsgId(), System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Input(infno)))).ToJsonString();
                using var response = await client.PostAsync(GatewayEndpoint.Path, new StringContent(body, Encoding.UTF8, "application/json"));
                var answer = GatewayClient.Parse(await response.Content.ReadAsStringAsync(), "");
                if (answer.Infcode != -1 || answer.ErrMsg?.Contains("Authentication failed", StringComparison.Ordinal) != true)
                {
                    failures.Add($"{infno} as {who}: not refused as unauthenticated ({answer.ErrMsg})");
                }
            }

            if (IsAccessRefusal(ownerAnswer))
            {
                failures.Add($"{infno} as the owner: refused ({ownerAnswer.ErrMsg})");
            }

            if (OwnedTransactions.Contains(infno) && !IsNotFound(otherAnswer))
            {
                failures.Add($"{infno} as another institution: not answered as missing ({otherAnswer.Infcode} {otherAnswer.ErrMsg})");
            }
            else if (!OwnedTransactions.Contains(infno) && IsAccessRefusal(otherAnswer))
            {
                failures.Add($"{infno} as another institution: refused ({otherAnswer.ErrMsg})");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static bool IsNotFound(GatewayResult answer) => answer.Infcode == -1 && answer.ErrMsg?.Contains("_not_found]", StringComparison.Ordinal) == true;

    private static bool IsAccessRefusal(GatewayResult answer) =>
        answer.Infcode == -1 && (answer.ErrMsg?.Contains("_not_found]", StringComparison.Ordinal) == true || answer.ErrMsg?.Contains("Authentication failed", StringComparison.Ordinal) == true || answer.ErrMsg?.Contains("forbidden", StringComparison.Ordinal) == true);

    /// <summary>One input per transaction, naming the owner's visit, settlement, order and person.</summary>
    private object Input(string infno) => infno switch
    {
        "1101" => new { data = new { mdtrt_cert_type = "03", mdtrt_cert_no = Api.Card(ZhangWei).Certno, card_sn = Api.Card(ZhangWei).CardSn } },
        "2201" => new { data = new { psn_no = ZhangWei, insutype = "310", med_type = "11", mdtrt_cert_type = "02", mdtrt_cert_no = Api.Card(ZhangWei).Certno, begntime = "2026-11-22 10:00:00" } },
        "2204" => new { feedetail = new[] { new { feedetl_sn = "m1", mdtrt_id = _values["mdtrtId"], psn_no = ZhangWei, med_list_codg = "XC08CAA001A001", pric = 1.85m, cnt = 1m, det_item_fee_sumamt = 1.85m, fee_ocur_time = "2026-11-22 10:00:00" } } },
        "2601" => new { data = new { psn_no = ZhangWei, omsgid = "nope", oinfno = "2207" } },
        "3201" => new { data = new { insutype = "310", clr_type = "11", setl_optins = "330100", stmt_begndate = "2026-11-01", stmt_enddate = "2026-11-30", medfee_sumamt = 0, fund_pay_sumamt = 0, acct_pay = 0, fixmedins_setl_cnt = 0 } },
        "3202" => new { data = new { setl_optins = "330100", stmt_begndate = "2026-11-01", stmt_enddate = "2026-11-30", medfee_sumamt = 0, fund_pay_sumamt = 0, cash_payamt = 0, fixmedins_setl_cnt = 0, details = Array.Empty<object>() } },
        "1312" => new { data = new { hilist_code = "XC08CAA001A001" } },
        "3260" => new { data = new { trt_year = 2026, trt_month = 10 } },
        "3261" => new { data = new { trt_year = 2026, trt_month = 10, setl_cnt = 0, medfee_sumamt = 0, fund_pay_sumamt = 0, acct_pay = 0 } },
        "5206" => new { data = new { psn_no = ZhangWei, cum_ym = "202611" } },
        "2203" => new { mdtrtinfo = new { mdtrt_id = _values["mdtrtId"], psn_no = ZhangWei, med_type = "11" } },
        _ => new
        {
            data = new
            {
                mdtrt_id = _values["mdtrtId"],
                setl_id = _values["setlId"],
                pay_ord_id = _values["payOrdId"],
                psn_no = ZhangWei,
                insutype = "310",
                med_type = "11",
                medfee_sumamt = 51.80m,
                mdtrt_cert_type = "02",
                mdtrt_cert_no = Api.Card(ZhangWei).Certno,
                acct_used_flag = "1",
                chrg_bchno = "0000",
            },
        },
    };

    private async Task<IReadOnlyList<(string Caller, HttpClient Client)>> CallersAsync()
    {
        var noRedirects = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        var callers = new List<(string, HttpClient)>
        {
            ("nobody", _server.CreateClient(noRedirects)),
            ("another institution", Signed(Other)),
            ("owner institution", Signed(Owner)),
            ("owner of orders", Signed(PaymentFlow.InternetHospital)),
        };
        foreach (var role in StaffRoles.All)
        {
            // Both ways a staff member signs in: the bearer token (the API) and the cookie (the console).
            var staff = _server.CreateClient(noRedirects);
            staff.DefaultRequestHeaders.Authorization = new("Bearer", await YibaoServer.StaffTokenAsync(staff, DemoStaff.UserName(role), DemoStaff.Password));
            (await staff.PostAsJsonAsync("/api/staff/sign-in?cookie=true", new { user_name = DemoStaff.UserName(role), password = DemoStaff.Password }, YibaoServer.Json)).EnsureSuccessStatusCode();
            callers.Add(("staff " + role, staff));
        }

        foreach (var (who, certno) in new[] { ("the person", PaymentFlow.Certno), ("another person", "330106199007210037") })
        {
            var phone = await Phone.SignInAsync(_server, certno);
            _formTokens[phone] = Phone.AntiforgeryField().Match(await phone.GetStringAsync("/me/certificate")).Groups[1].Value;
            callers.Add((who, phone));
        }

        return callers;

        HttpClient Signed(string code) => _server.CreateDefaultClient(new TifSigningHandler(GatewayIdentity.Demo(code, "330100"), _server.Clock));
    }

    /// <summary>What a caller must meet: allowed through, refused as unauthenticated or forbidden, or told the resource does not exist.</summary>
    private enum Outcome
    {
        Allowed,
        Denied,
        Missing,
    }

    private static Outcome Expect(Rule rule, string caller)
    {
        var institution = caller is "another institution" or "owner institution" or "owner of orders";
        var code = caller switch
        {
            "another institution" => Other,
            "owner institution" => Owner,
            "owner of orders" => PaymentFlow.InternetHospital,
            _ => null,
        };
        return rule.Access switch
        {
            Access.Public => Outcome.Allowed,
            Access.AnyInstitution => institution ? Outcome.Allowed : Outcome.Denied,
            Access.OwnPath => code == Owner ? Outcome.Allowed : Outcome.Denied,
            Access.OwnResource => !institution ? Outcome.Denied : code == rule.ResourceOwner ? Outcome.Allowed : Outcome.Missing,
            Access.AnyStaff when rule.Role is null => caller.StartsWith("staff ", StringComparison.Ordinal) ? Outcome.Allowed : Outcome.Denied,
            Access.AnyStaff => caller == "staff " + rule.Role || caller == "staff admin" ? Outcome.Allowed : Outcome.Denied,
            Access.Person when rule.ResourceOwner is not null => caller == "the person" ? Outcome.Allowed : caller == "another person" ? Outcome.Missing : Outcome.Denied,
            Access.Person => caller is "the person" or "another person" ? Outcome.Allowed : Outcome.Denied,
            Access.PaymentProvider or Access.FederationPeer => Outcome.Denied,
            Access.Console when rule.Role is null => caller.StartsWith("staff ", StringComparison.Ordinal) ? Outcome.Allowed : Outcome.Denied,
            Access.Console => caller == "staff " + rule.Role || caller == "staff admin" ? Outcome.Allowed : Outcome.Denied,
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
    }

    private static Outcome Observe(HttpResponseMessage response, Rule rule) => (int)response.StatusCode switch
    {
        401 or 403 => Outcome.Denied,
        302 when response.Headers.Location?.OriginalString is { } to
                 && (to.Contains("/me/sign-in?ReturnUrl=", StringComparison.Ordinal) || to.Contains("/console/sign-in?ReturnUrl=", StringComparison.Ordinal) || to.Contains("/console/denied", StringComparison.Ordinal)) => Outcome.Denied,
        404 when rule.ResourceOwner is not null => Outcome.Missing,
        _ => Outcome.Allowed,
    };

    private Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string pattern)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}]+)\}", m => _values[m.Groups[1].Value]);
        if (path.EndsWith("/daily-totals", StringComparison.Ordinal))
        {
            path += "?date=2026-11-22";
        }

        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "DELETE")
        {
            // A well-formed request, so that what answers is the access check and not the body's validation.
            request.Content = pattern.StartsWith("/me/", StringComparison.Ordinal) || pattern.StartsWith("/sim-pay/", StringComparison.Ordinal)
                ? new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = _formTokens.GetValueOrDefault(client, ""), ["pay_token"] = _values["payToken"] })
                : new StringContent(pattern.EndsWith("/fees", StringComparison.Ordinal) ? """{"lines":[{"code":"XC08CAA001A001","price":1.85,"qty":1,"amount":1.85}]}""" : "{}", Encoding.UTF8, "application/json");
            request.Headers.Add("X-Msg-Id", Api.NewMsgId());
        }

        return client.SendAsync(request);
    }
}
