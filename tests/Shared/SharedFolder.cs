namespace Yibao.Testing;

/// <summary>
/// Finds the project's <c>shared/</c> folder (design, specs, fixtures): <c>YIBAO_SHARED</c> if set,
/// else <c>../shared</c> beside the repository root. Fails loudly when it is missing, so that a
/// fixture-driven test can never pass by finding no fixtures.
/// </summary>
public static class SharedFolder
{
    // Declared first: static initializers run in textual order and Locate depends on it.
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static readonly Lazy<string> Located = new(Locate);

    /// <summary>Located when first asked for, so that tests which need only the repository do not need shared/.</summary>
    public static string Path => Located.Value;

    public static string Fixtures(params string[] parts) => System.IO.Path.Combine([Path, "fixtures", .. parts]);

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("YIBAO_SHARED");
        var candidate = !string.IsNullOrEmpty(fromEnvironment)
            ? fromEnvironment
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared"));
        if (!Directory.Exists(System.IO.Path.Combine(candidate, "fixtures", "settlement")))
        {
            throw new DirectoryNotFoundException(
                $"The shared folder with fixtures/settlement was not found at '{candidate}'. Clone the repository beside shared/ or set YIBAO_SHARED.");
        }

        return candidate;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Yibao.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"Yibao.slnx was not found above {AppContext.BaseDirectory}.");
    }
}
