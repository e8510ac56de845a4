namespace Yibao.Domain;

/// <summary>Money is <see cref="decimal"/> with two places; rounding is half away from zero (spec §"Money").</summary>
public static class Money
{
    /// <remarks>A value with two places or fewer is already rounded: skipping Math.Round there is a hot-path saving.</remarks>
    public static decimal Round(decimal amount) => amount.Scale <= 2 ? amount : Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>True when the value has at most <paramref name="places"/> significant decimal places.</summary>
    public static bool HasAtMostPlaces(decimal value, int places) => value.Scale <= places || Math.Round(value, places) == value;

    /// <summary>True when the amount has no more than two decimal places.</summary>
    public static bool IsWholeCents(decimal amount) => Round(amount) == amount;

    public static string Format(decimal amount) =>
        Round(amount).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
