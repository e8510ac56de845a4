using System.Globalization;
using System.Text.Json;
using Yibao.Testing;

namespace Yibao.Cli.Tests.Commands;

public sealed class SettleCaseCommandTests
{
    private static async Task<(int ExitCode, string[] Lines, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await YibaoCli.RunAsync(args, output, error);
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
    }

    [Fact]
    public async Task SettleCase_AllPublishedCases_PrintsOneMatchingLinePerFileInOrder()
    {
        var files = Directory.GetFiles(SharedFolder.Fixtures("settlement"), "*.json").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);

        var (exit, lines, error) = await RunAsync(["settle-case", .. files]);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Equal(files.Length, lines.Length);
        for (var i = 0; i < files.Length; i++)
        {
            using var expected = JsonDocument.Parse(File.ReadAllText(files[i]));
            using var actual = JsonDocument.Parse(lines[i]);
            AssertSameShape(expected.RootElement.GetProperty("expected"), actual.RootElement, Path.GetFileName(files[i]));
        }
    }

    [Fact]
    public async Task SettleCase_MalformedAndMissingFiles_PrintsAnErrorLineAndExitsOne()
    {
        var malformed = TestRun.File("malformed", ".json");
        await File.WriteAllTextAsync(malformed, """{"policy": {"area": "330100"}}""");
        try
        {
            var good = Directory.GetFiles(SharedFolder.Fixtures("settlement"), "01-*.json").Single();
            var (exit, lines, error) = await RunAsync("settle-case", malformed, good, "/no/such/case.json");

            Assert.Equal(1, exit);
            Assert.Equal(3, lines.Length);
            Assert.Equal("""{"error":"malformed_document"}""", lines[0]);
            Assert.StartsWith("""{"medfee_sumamt":"177.60""", lines[1], StringComparison.Ordinal);
            Assert.Equal("""{"error":"unreadable_file"}""", lines[2]);
            Assert.Contains("$.policy", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(malformed);
        }
    }

    [Fact]
    public async Task SettleCase_NoFiles_IsAUsageError()
    {
        var (exit, _, _) = await RunAsync("settle-case");
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public async Task SettleCase_NameFiles_EachLineNamesItsFile()
    {
        var files = Directory.GetFiles(SharedFolder.Fixtures("settlement"), "*.json").Order(StringComparer.Ordinal).Take(2).ToArray();

        var (exit, lines, _) = await RunAsync(["settle-case", "--name-files", .. files]);

        Assert.Equal(0, exit);
        Assert.Equal(files.Select(Path.GetFileName), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("file").GetString()));
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(l).RootElement.GetProperty("result").ValueKind));
    }

    private static void AssertSameShape(JsonElement expected, JsonElement actual, string file)
    {
        if (expected.ValueKind == JsonValueKind.Array)
        {
            Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
            foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
            {
                AssertSameShape(e, a, file);
            }

            return;
        }

        if (expected.ValueKind == JsonValueKind.Object)
        {
            var names = expected.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(names, actual.EnumerateObject().Select(p => p.Name).ToList());
            foreach (var name in names)
            {
                AssertSameShape(expected.GetProperty(name), actual.GetProperty(name), file);
            }

            return;
        }

        var expectedText = expected.ValueKind == JsonValueKind.String ? expected.GetString()! : expected.GetRawText();
        var actualText = actual.GetString()!;
        if (decimal.TryParse(expectedText, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            Assert.True(number == decimal.Parse(actualText, CultureInfo.InvariantCulture), $"{file}: expected {expectedText}, got {actualText}");
        }
        else
        {
            Assert.Equal(expectedText, actualText);
        }
    }
}
