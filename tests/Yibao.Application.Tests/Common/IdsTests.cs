namespace Yibao.Application.Tests.Common;

public sealed class IdsTests
{
    [Fact]
    public void New_TenThousandInTheSameMillisecond_AreAllDistinctAndThirtyCharactersWide()
    {
        var at = new DateTimeOffset(2026, 12, 3, 10, 0, 0, 123, TimeSpan.FromHours(8));

        var ids = Enumerable.Range(0, 10_000).Select(_ => Ids.New("ST", at)).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(30, id.Length));
        Assert.All(ids, id => Assert.StartsWith("ST20261203100000123", id, StringComparison.Ordinal));
    }

    [Fact]
    public void New_LaterInstants_SortLater()
    {
        var at = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(8));

        Assert.True(string.CompareOrdinal(Ids.New("MD", at), Ids.New("MD", at.AddMilliseconds(1))) < 0);
    }
}
