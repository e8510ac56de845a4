using System.Text.Json.Serialization;

namespace Yibao.Domain.Clearing;

/// <summary>The thresholds of advance funds: usage warned at, a top-up called at, and the months of spend an advance should cover.</summary>
public sealed record AdvanceTerms(decimal WarnAt = 0.7m, decimal TopUpAt = 0.9m, int MonthsCovered = 2);

/// <summary>How an area's advance stands: <c>ok</c>, <c>warning</c> or <c>top_up</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AdvanceStatus>))]
public enum AdvanceStatus
{
    [JsonStringEnumMemberName("ok")]
    Ok,

    [JsonStringEnumMemberName("warning")]
    Warning,

    [JsonStringEnumMemberName("top_up")]
    TopUp,
}

/// <summary>
/// An area's advance against a month: what the month used of it (what the area owed), the advance it
/// should hold (the months covered times its average monthly owing), and the top-up called for.
/// </summary>
public sealed record AdvanceAssessment(string Area, decimal Advance, decimal Used, decimal? Usage, decimal Required, AdvanceStatus Status, decimal TopUp);

/// <summary>先预付后清算: each insured area keeps an advance of about two months of its cross-region spend; usage past a threshold warns, further calls a top-up.</summary>
public static class AdvanceFunds
{
    /// <param name="advance">What the area holds in advance.</param>
    /// <param name="used">What the area owes for the month.</param>
    /// <param name="averageMonthly">Its average monthly owing over the months cleared (this one included).</param>
    public static AdvanceAssessment Assess(string area, decimal advance, decimal used, decimal averageMonthly, AdvanceTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        // Judged on the exact ratio; rounded only as shown (0.69999 is not yet 70 %).
        var ratio = advance > 0 ? used / advance : (decimal?)null;
        var required = Money.Round(averageMonthly * terms.MonthsCovered);
        var status = (ratio, used) switch
        {
            (null, > 0) => AdvanceStatus.TopUp,
            ({ } u, _) when u >= terms.TopUpAt => AdvanceStatus.TopUp,
            ({ } u, _) when u >= terms.WarnAt => AdvanceStatus.Warning,
            _ => AdvanceStatus.Ok,
        };
        var topUp = status == AdvanceStatus.TopUp ? Math.Max(Math.Max(required, used) - advance, 0m) : 0m;
        var usage = ratio is { } r ? Math.Round(r, 4, MidpointRounding.AwayFromZero) : (decimal?)null;
        return new AdvanceAssessment(area, advance, used, usage, required, status, topUp);
    }

    public static string ToName(this AdvanceStatus status) => status switch
    {
        AdvanceStatus.Ok => "ok",
        AdvanceStatus.Warning => "warning",
        AdvanceStatus.TopUp => "top_up",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
