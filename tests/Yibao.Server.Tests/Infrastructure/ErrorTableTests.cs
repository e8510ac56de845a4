using System.Reflection;
using System.Text.RegularExpressions;
using Yibao.Domain;
using Yibao.Server.Infrastructure;

namespace Yibao.Server.Tests.Infrastructure;

/// <summary>The README's error table is the catalogues' table: every code, at the status the native API answers it with.</summary>
public sealed partial class ErrorTableTests
{
    /// <summary>Every error code the catalogues declare, with its native status (what the OpenAPI document lists too).</summary>
    private static IReadOnlyList<(string Declarer, string Code, int Status)> Catalogued() => ErrorCatalogue.All;

    [Fact]
    public void Catalogues_EveryCode_IsDeclaredOnceInAFeaturesErrorCatalogue()
    {
        var catalogued = Catalogued();
        Assert.True(catalogued.Count > 80, $"only {catalogued.Count} codes found");
        Assert.All(catalogued, c => Assert.EndsWith("Errors", c.Declarer, StringComparison.Ordinal));
        var twice = catalogued.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.Declarer))}").ToList();
        Assert.True(twice.Count == 0, "declared more than once: " + string.Join("; ", twice));
        Assert.All(catalogued, c => Assert.Matches("^[a-z][a-z0-9_]*$", c.Code));
    }

    [Fact]
    public void ReadmeErrorTable_AndTheCatalogues_Agree()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("### Errors", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n### ", 5, StringComparison.Ordinal)];
        var documented = TableRow().Matches(section)
            .SelectMany(row => Code().Matches(row.Groups["codes"].Value).Select(c => (Code: c.Groups[1].Value, Status: int.Parse(row.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture))))
            .ToHashSet();
        var catalogued = Catalogued().Select(c => (c.Code, c.Status)).ToHashSet();

        var missing = catalogued.Except(documented).OrderBy(c => c.Status).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var stale = documented.Except(catalogued).OrderBy(c => c.Status).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"not in the README: {string.Join(", ", missing.Select(c => $"{c.Status} {c.Code}"))}\nin the README but in no catalogue: {string.Join(", ", stale.Select(c => $"{c.Status} {c.Code}"))}\n"
            + string.Join("\n", catalogued.GroupBy(c => c.Status).OrderBy(g => g.Key).Select(g => $"| {g.Key} | {string.Join(", ", g.Select(c => $"`{c.Code}`").Order(StringComparer.Ordinal))} |")));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Yibao.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (Yibao.slnx) is not above the test's directory");
    }

    [GeneratedRegex(@"^\| (?<status>\d{3}) \| (?<codes>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex("`([a-z][a-z0-9_]*)`")]
    private static partial Regex Code();
}
