using Yibao.Testing;

namespace Yibao.Application.Tests.Common;

/// <summary>A streamed read's repeated text columns and key columns, read through their bytes on both providers.</summary>
public sealed class RepeatedStringsTests
{
    private static readonly string Long = string.Concat(Enumerable.Repeat("氨氯地平片", 20)); // 300 bytes: longer than any value kept

    private static readonly string[] Repeated = ["氨氯地平片", "A", "氨氯地平片", Long, "A", "", Long, ""];

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task Get_ValuesRepeatedOverRows_GivesEachRowsValue(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);

        Assert.Equal(Repeated, await ReadAsync(app, Repeated, (reader, strings) => ((RepeatedStrings)strings).Get(reader, 1), new RepeatedStrings()));
    }

    [Fact]
    public async Task Get_OnPostgres_MakesOneStringPerValue()
    {
        await using var app = await TestApplication.CreateAsync("postgres");

        var read = await ReadAsync(app, Repeated, (reader, strings) => ((RepeatedStrings)strings).Get(reader, 1), new RepeatedStrings());

        Assert.Same(read[0], read[2]);
        Assert.Same(read[1], read[4]);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task Next_RowsInKeyOrder_SaysWhenTheKeyChanges(string provider)
    {
        string[] rows = ["MD1", "MD1", "MD2", "MD2", "MD1", Long, Long, "", "", Long];
        await using var app = await TestApplication.CreateAsync(provider);
        var key = new StreamedKey();

        var read = await ReadAsync(app, rows, (reader, _) => (key.Next(reader, 1), key.Value), key);

        Assert.Equal([true, false, true, false, true, true, false, true, false, true], read.Select(r => r.Item1));
        Assert.Equal(rows, read.Select(r => r.Value));
    }

    /// <summary>The rows through one statement (<c>SELECT n, v … UNION ALL … ORDER BY n</c>), each read by <paramref name="read"/>.</summary>
    private static Task<List<T>> ReadAsync<T>(TestApplication app, string[] rows, Func<System.Data.Common.DbDataReader, object, T> read, object state)
    {
        var sql = string.Join(" UNION ALL ", rows.Select((v, i) => $"SELECT {i} AS n, '{v}' AS v")) + " ORDER BY n";
        return app.ReadAsync(async s =>
        {
            await using var command = await StreamingReads.CommandAsync(s.Db, sql, default);
            await using var reader = await command.ExecuteReaderAsync();
            var values = new List<T>();
            while (await reader.ReadAsync())
            {
                values.Add(read(reader, state));
            }

            return values;
        });
    }
}
