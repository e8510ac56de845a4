using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Yibao.Testing;

/// <summary>
/// What one test process leaves behind, and how it is cleaned up: every temporary file lives under
/// one folder of this process (<see cref="Directory"/>), and every PostgreSQL cluster it starts is
/// watched. A watchdog outside the process removes them the moment the process is gone, however it
/// ends: passed, failed, or killed by the test runner.
/// </summary>
public static class TestRun
{
    private const string Prefix = "yibao-tests-";

    private static readonly Lazy<string> Root = new(CreateRoot, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>This process's temporary folder: <c>/tmp/yibao-tests-PID</c>.</summary>
    public static string Directory => Root.Value;

    /// <summary>A fresh path under <see cref="Directory"/>, e.g. <c>File("server", ".db")</c>.</summary>
    public static string File(string prefix, string extension) => Path.Combine(Directory, $"{prefix}-{Guid.NewGuid():N}{extension}");

    /// <summary>A fresh, empty folder under <see cref="Directory"/>.</summary>
    public static string Folder(string prefix) => System.IO.Directory.CreateDirectory(File(prefix, "")).FullName;

    /// <summary>
    /// Runs <paramref name="shellCommand"/> once this process has ended, from a watchdog in its own
    /// session (so that killing the test host's process group does not kill it too).
    /// </summary>
    public static void WhenGone(string shellCommand)
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var watch = $"while kill -0 {pid} 2>/dev/null; do sleep 1; done; {shellCommand}";
        var start = new ProcessStartInfo("setsid", ["sh", "-c", watch])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("could not start the clean-up watchdog");
    }

    private static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), Prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        System.IO.Directory.CreateDirectory(root);
        WhenGone($"rm -rf '{root}'");
        return root;
    }

    /// <summary>Points the installation's default data folder at this run's, so that nothing a test runs writes to the user's own.</summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Test assemblies only: set before any test reads configuration.")]
    internal static void IsolateDataDirectory() =>
        Environment.SetEnvironmentVariable("Yibao__DataDirectory", Path.Combine(Directory, "data"));
}
