namespace Yibao.Domain;

/// <summary>Money is <see cref="decimal"/> with two places; rounding is half away from zero (spec §"Money").</summary>
public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>True when the amount has no more than two decimal places.</summary>
    public static bool IsWholeCents(decimal amount) => Round(amount) == amount;

    public static string Format(decimal amount) =>
        Round(amount).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
