using System.Text.Json;
using System.Text.RegularExpressions;
using Yibao.Testing;

namespace Yibao.Server.Tests.Features.Gateway;

/// <summary>One output block of a transaction as the spec's table names it: <c>name</c>, <c>name[]</c>, <c>name{a, b}</c> or <c>name[]{a, b}</c>.</summary>
public sealed record SpecBlock(string Name, bool IsArray, IReadOnlyList<string>? Fields);

/// <summary>The output column of the Transactions table of <c>spec/national-interface.md</c>, read into blocks per infno.</summary>
public static partial class SpecOutputs
{
    public static IReadOnlyDictionary<string, IReadOnlyList<SpecBlock>> Read()
    {
        var rows = File.ReadLines(Path.Combine(SharedFolder.Path, "spec", "national-interface.md"))
            .Select(line => line.Split('|'))
            .Where(cells => cells.Length >= 6 && InfnoPattern().IsMatch(cells[1].Trim()))
            .ToDictionary(cells => cells[1].Trim(), cells => cells[4].Trim(), StringComparer.Ordinal);
        var blocks = rows.ToDictionary(r => r.Key, r => Blocks(r.Value), StringComparer.Ordinal);

        // "as 2207" takes 2207's blocks; a block named without its fields ("setlinfo of the reversing record") takes them from where they are listed.
        var listed = blocks.Values.SelectMany(b => b).Where(b => b.Fields is not null).GroupBy(b => (b.Name, b.IsArray)).ToDictionary(g => g.Key, g => g.First());
        return rows.ToDictionary(
            r => r.Key,
            r => (IReadOnlyList<SpecBlock>)(AsPattern().Match(r.Value) is { Success: true } same ? blocks[same.Groups[1].Value] : blocks[r.Key])
                .Select(b => b.Fields is null && listed.TryGetValue((b.Name, b.IsArray), out var full) ? full : b).ToList(),
            StringComparer.Ordinal);
    }

    private static List<SpecBlock> Blocks(string cell) =>
        [.. Quoted().Matches(cell).Select(m => BlockPattern().Match(m.Groups[1].Value)).Where(m => m.Success).Select(m => new SpecBlock(
            m.Groups["name"].Value,
            m.Groups["array"].Success,
            m.Groups["fields"].Success
                ? [.. Parenthesised().Replace(m.Groups["fields"].Value, "").Split(',').Select(f => f.Trim().Split(' ')[0]).Where(f => f.Length > 0)]
                : null))];

    /// <summary>Asserts that <paramref name="output"/> carries every block and field the spec lists for <paramref name="infno"/>.</summary>
    public static void AssertComplete(IReadOnlyDictionary<string, IReadOnlyList<SpecBlock>> spec, string infno, JsonElement output)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Assert.True(spec[infno].Count > 0, $"{infno}: the spec lists no output");
        foreach (var block in spec[infno])
        {
            Assert.True(output.ValueKind == JsonValueKind.Object && output.TryGetProperty(block.Name, out _), $"{infno}: output lacks {block.Name}");
            var value = output.GetProperty(block.Name);
            if (block.IsArray)
            {
                Assert.True(value.ValueKind == JsonValueKind.Array, $"{infno}: {block.Name} is not an array");
            }

            var items = block.IsArray ? value.EnumerateArray().ToList() : [value];
            if (block.Fields is null)
            {
                continue;
            }

            Assert.True(items.Count > 0, $"{infno}: {block.Name}[] is empty, so its fields cannot be checked");
            foreach (var item in items)
            {
                foreach (var field in block.Fields)
                {
                    Assert.True(item.TryGetProperty(field, out var got), $"{infno}: {block.Name} lacks {field}");
                    if (field.EndsWith("_flag", StringComparison.Ordinal))
                    {
                        Assert.True(got.ValueKind == JsonValueKind.String && got.GetString() is "0" or "1", $"{infno}: {block.Name}.{field} is {got}, not \"0\" or \"1\"");
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex InfnoPattern();

    [GeneratedRegex(@"^as (\d{4})$")]
    private static partial Regex AsPattern();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^(?<name>[A-Za-z]\w*)(?<array>\[\])?(\{(?<fields>.*)\})?$")]
    private static partial Regex BlockPattern();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();
}
