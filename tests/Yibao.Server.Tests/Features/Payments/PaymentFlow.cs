using Yibao.Application.Payments;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Server.Features.Payments;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Payments;

/// <summary>
/// An online follow-up of Zhang Wei (hypertension, registered chronic) at the internet hospital
/// H33010000002, its payment order, and his phone: the steps the payment tests combine.
/// </summary>
internal sealed class PaymentFlow(YibaoServer server)
{
    public const string PsnNo = "3301000000000001";
    public const string Certno = "330106196803140013";
    public const string InternetHospital = "H33010000002";

    public HttpClient Client { get; } = server.InstitutionClient(InternetHospital);

    public YibaoServer Server => server;

    /// <summary>Registered and uploaded: 2,560.00 of consultation, more than his 800.00 account covers.</summary>
    public async Task<string> VisitAsync()
    {
        var visit = await Client.RegisterAsync(PsnNo, InternetHospital, disease: "I10");
        await Client.UploadAsync(visit, Api.Line("330100005", 1280m, 2));
        return visit;
    }

    /// <summary>His QR code decoded by the internet hospital and face-checked.</summary>
    public Task<string> EcTokenAsync() => Phone.FaceCheckedEcTokenAsync(server, InternetHospital, Certno);

    public async Task<JsonElement> OrderAsync(string visit, decimal deliveryFee = 0m) =>
        await (await Client.SendAsync(HttpMethod.Post, $"/api/visits/{visit}/payment-order", new
        {
            mdtrt_cert_type = "01",
            mdtrt_cert_no = await EcTokenAsync(),
            delivery_fee = deliveryFee,
        })).JsonAsync(201);

    public async Task<JsonElement> GetOrderAsync(string payOrdId) =>
        await (await Client.SendAsync(HttpMethod.Get, $"/api/payment-orders/{payOrdId}")).JsonAsync(200);

    /// <summary>What a payment can change: the account balance and the year's accumulators.</summary>
    public async Task<string> MoneyAsync()
    {
        var person = await Client.PersonAsync(PsnNo);
        return $"balc {person.GetProperty("balc").GetDecimal()}; {person.GetProperty("accumulators").GetRawText()}";
    }

    public async Task<decimal> BalanceAsync() =>
        (await Client.PersonAsync(PsnNo)).GetProperty("balc").GetDecimal();

    /// <summary>The person opens the order on the phone and confirms it; the provider's cashier page it is sent to.</summary>
    public static async Task<string> ConfirmOnPhoneAsync(HttpClient phone, JsonElement order)
    {
        var response = await PostConfirmationAsync(phone, order);

        // A server on a real socket follows the redirect whatever the client's options say: then the page it led to.
        var cashier = response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location!.OriginalString : response.RequestMessage!.RequestUri!.PathAndQuery;
        Assert.StartsWith("/sim-pay/", cashier, StringComparison.Ordinal);
        return cashier;
    }

    /// <summary>The confirm form of the order's phone page, posted as the page would (whatever the order's state).</summary>
    public static async Task<HttpResponseMessage> PostConfirmationAsync(HttpClient phone, JsonElement order)
    {
        var page = await phone.GetStringAsync(order.GetProperty("pay_url").GetString());
        return await phone.PostAsync($"/me/orders/{order.GetProperty("pay_ord_id").GetString()}/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Phone.AntiforgeryField().Match(page).Groups[1].Value,
            ["pay_token"] = Phone.FormField(page, "pay_token"),
        }));
    }

    /// <summary>The person pays on the simulated cashier; where the cashier sends them back.</summary>
    public static async Task<string> PayOnCashierAsync(HttpClient phone, string cashierUrl)
    {
        var page = await phone.GetStringAsync(cashierUrl);
        var response = await phone.PostAsync(cashierUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Phone.AntiforgeryField().Match(page).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public SimulatedPaymentProvider Provider => (SimulatedPaymentProvider)server.Services.GetRequiredService<IPaymentProvider>();

    /// <summary>Posts a provider callback as the provider would (or as an attacker would, with another signature).</summary>
    public async Task<HttpResponseMessage> NotifyAsync(string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/notify/simulated") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(SimulatedPaymentProvider.SignatureHeader, signature);
        return await Client.SendAsync(request);
    }

    /// <summary>Runs the expiry sweep once, as the background service does at each tick.</summary>
    public async Task<int> SweepAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExpirePaymentOrdersHandler>().HandleAsync(new ExpireDuePaymentOrders(), CancellationToken.None);
    }
}
