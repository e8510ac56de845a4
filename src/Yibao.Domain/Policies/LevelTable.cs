namespace Yibao.Domain.Policies;

/// <summary>
/// A value by institution level (1 community, 2 secondary, 3 tertiary). A level missing from the
/// source map is 0. <see cref="IsUniform"/> remembers that the source gave one number for all levels.
/// </summary>
public sealed record LevelTable(decimal Level1, decimal Level2, decimal Level3, bool IsUniform = false)
{
    public static LevelTable Uniform(decimal value) => new(value, value, value, IsUniform: true);

    public decimal this[int level] => level switch
    {
        1 => Level1,
        2 => Level2,
        3 => Level3,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "institution level is 1, 2 or 3"),
    };

    public static bool IsValidLevel(int level) => level is >= 1 and <= 3;
}
