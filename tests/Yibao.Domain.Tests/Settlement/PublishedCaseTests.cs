using System.Globalization;
using System.Text.Json;
using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Domain.Settlement;
using Yibao.Testing;

namespace Yibao.Domain.Tests.Settlement;

/// <summary>Every worked case in <c>shared/fixtures/settlement</c>, reproduced to the cent.</summary>
public sealed class PublishedCaseTests
{
    public static TheoryData<string> CaseFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SharedFolder.Fixtures("settlement"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void CaseFolder_WhenLocated_HoldsTheThirtyPublishedCases()
    {
        Assert.True(CaseFiles().Count >= 30, $"expected at least 30 case files, found {CaseFiles().Count}");
    }

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public void Settle_PublishedCase_ReproducesExpectedToTheCent(string file)
    {
        var read = SettlementCase.Read(File.ReadAllText(SharedFolder.Fixtures("settlement", file)));
        Assert.True(read.IsSuccess, read.Error?.ToString());
        var expected = read.Value.Expected ?? throw new InvalidOperationException($"{file} has no expected outcome");

        var outcome = SettlementEngine.Settle(read.Value.Input);

        AssertMatches(expected, outcome);
    }

    /// <summary>Compares an outcome with an <c>expected</c> object numerically, field by field.</summary>
    internal static void AssertMatches(JsonElement expected, Result<SettlementResult> outcome)
    {
        if (expected.TryGetProperty("error", out var error))
        {
            Assert.False(outcome.IsSuccess, "expected a refusal but the case settled");
            Assert.Equal(error.GetString(), outcome.Error!.Code);
            return;
        }

        Assert.True(outcome.IsSuccess, outcome.Error?.ToString());
        var actual = SettlementJson.Fields(outcome.Value).ToDictionary(f => f.Name, f => f.Amount);
        var compared = 0;
        foreach (var field in expected.EnumerateObject().Where(p => p.Name != "lines"))
        {
            Assert.True(actual.ContainsKey(field.Name), $"engine has no field {field.Name}");
            Assert.Equal(AsDecimal(field.Value), actual[field.Name]);
            compared++;
        }

        Assert.Equal(13, compared);
        var lines = expected.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(lines.Count, outcome.Value.Lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = outcome.Value.Lines[i];
            Assert.Equal(lines[i].GetProperty("code").GetString(), line.Code);
            Assert.Equal(AsDecimal(lines[i].GetProperty("fulamt")), line.Fulamt);
            Assert.Equal(AsDecimal(lines[i].GetProperty("over")), line.Over);
            Assert.Equal(AsDecimal(lines[i].GetProperty("pre")), line.Pre);
            Assert.Equal(AsDecimal(lines[i].GetProperty("inscp")), line.Inscp);
        }
    }

    private static decimal AsDecimal(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? decimal.Parse(e.GetString()!, CultureInfo.InvariantCulture) : e.GetDecimal();
}
