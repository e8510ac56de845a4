using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Yibao.Storage;

namespace Yibao.Application.Payments;

/// <summary>
/// The built-in payment provider for demos and tests: a cashier page (<c>/sim-pay/{tradeNo}</c>)
/// where the person "pays", and a callback signed with HMAC-SHA256 under a key derived from the
/// platform's credential key, exactly as a real provider would sign it. Its trades live in memory:
/// it simulates a provider's books, it is not one.
/// </summary>
public sealed class SimulatedPaymentProvider(CredentialProtector protector, TimeProvider clock) : IPaymentProvider
{
    public const string ProviderName = "simulated";
    public const string SignatureHeader = "X-Sim-Pay-Signature";

    private readonly byte[] _key = protector.DeriveKey("yibao simulated payment provider");
    private readonly ConcurrentDictionary<string, Trade> _trades = new(StringComparer.Ordinal);

    public string Name => ProviderName;

    public Task<ProviderPayment> OpenAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tradeNo = "SIM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _trades[tradeNo] = new Trade(request.PayOrdId, request.Amount, request.ReturnUrl);
        return Task.FromResult(new ProviderPayment(tradeNo, PayUrlOf(tradeNo)));
    }

    public string PayUrlOf(string tradeNo) => $"/sim-pay/{tradeNo}";

    public PaymentNotification? ReadNotification(string body, Func<string, string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var signature = header(SignatureHeader);
        if (body is null || !IsHex(signature)
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(signature), HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(body))))
        {
            return null;
        }

        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            return new PaymentNotification(
                root.GetProperty("trade_no").GetString()!,
                root.GetProperty("pay_ord_id").GetString()!,
                decimal.Parse(root.GetProperty("amount").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
                root.GetProperty("trade_status").GetString() == "SUCCESS",
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("paid_at").GetInt64()));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            return null; // signed by us, so never expected; still not trusted
        }
    }

    public Task CloseAsync(string tradeNo, CancellationToken cancellationToken)
    {
        if (_trades.TryGetValue(tradeNo, out var trade))
        {
            lock (trade)
            {
                trade.Closed |= !trade.Paid;
            }
        }

        return Task.CompletedTask;
    }

    public Task<ProviderRefund> RefundAsync(string tradeNo, decimal amount, string reason, CancellationToken cancellationToken)
    {
        if (!_trades.TryGetValue(tradeNo, out var trade))
        {
            throw new InvalidOperationException($"trade {tradeNo} is unknown to the simulated provider");
        }

        lock (trade)
        {
            if (!trade.Paid || amount > trade.Amount - trade.Refunded)
            {
                throw new InvalidOperationException($"trade {tradeNo} cannot refund {amount}");
            }

            trade.Refunded += amount;
        }

        return Task.FromResult(new ProviderRefund("SIMR" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))));
    }

    /// <summary>The trade as its cashier page shows it, or null.</summary>
    public (string PayOrdId, decimal Amount, string ReturnUrl, bool Paid, bool Closed, decimal Refunded)? Find(string tradeNo) =>
        _trades.TryGetValue(tradeNo, out var t) ? (t.PayOrdId, t.Amount, t.ReturnUrl, t.Paid, t.Closed, t.Refunded) : null;

    /// <summary>The person pays on the cashier page: the trade is paid and its signed notification is returned, to be delivered.</summary>
    public (string Body, string Signature)? Pay(string tradeNo)
    {
        if (!_trades.TryGetValue(tradeNo, out var trade))
        {
            return null;
        }

        lock (trade)
        {
            if (trade.Closed)
            {
                return null;
            }

            trade.Paid = true;
        }

        return Notification(tradeNo, trade.PayOrdId, trade.Amount, clock.GetUtcNow());
    }

    /// <summary>A notification as this provider signs it (the cashier's callback; tests replay and tamper with it).</summary>
    public (string Body, string Signature) Notification(string tradeNo, string payOrdId, decimal amount, DateTimeOffset paidAt, string status = "SUCCESS")
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["trade_no"] = tradeNo,
            ["pay_ord_id"] = payOrdId,
            ["amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture),
            ["trade_status"] = status,
            ["paid_at"] = paidAt.ToUnixTimeSeconds(),
        });
        return (body, Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(body))));
    }

    private static bool IsHex(string text) => text.Length == 64 && text.All(Uri.IsHexDigit);

    private sealed class Trade(string payOrdId, decimal amount, string returnUrl)
    {
        public string PayOrdId { get; } = payOrdId;
        public decimal Amount { get; } = amount;
        public string ReturnUrl { get; } = returnUrl;
        public bool Paid { get; set; }
        public bool Closed { get; set; }
        public decimal Refunded { get; set; }
    }
}
