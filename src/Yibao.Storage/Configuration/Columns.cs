using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yibao.Storage.Configuration;

/// <summary>The column shapes the schema uses everywhere: codes, money, prices and ratios.</summary>
internal static class Columns
{
    public static PropertyBuilder<T> Code<T>(this PropertyBuilder<T> property, int length) => property.HasMaxLength(length);

    /// <summary>Money: <c>numeric(16,2)</c>.</summary>
    public static PropertyBuilder<T> Money<T>(this PropertyBuilder<T> property) => property.HasPrecision(16, 2);

    /// <summary>Unit prices and quantities: four decimal places.</summary>
    public static PropertyBuilder<T> Price<T>(this PropertyBuilder<T> property) => property.HasPrecision(16, 4);

    /// <summary>Ratios and shares: <c>numeric(6,4)</c>.</summary>
    public static PropertyBuilder<T> Ratio<T>(this PropertyBuilder<T> property) => property.HasPrecision(6, 4);
}
