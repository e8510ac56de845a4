using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Yibao.Testing;

/// <summary>
/// A program of this repository run as an operator runs it: its own process, started with
/// <c>dotnet</c> from its build output, its environment given and nothing inherited of this test
/// process's isolation. A server can be killed (SIGKILL) and started again on the same address.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ProcessStartInfo _start;
    private Process _process;

    private ServerProcess(ProcessStartInfo start, string url)
    {
        _start = start;
        Url = url;
        _process = Launch();
    }

    public string Url { get; }

    public string Log => string.Join('\n', _log);

    /// <summary>The project's own build output, in this test run's configuration.</summary>
    public static string Built(string project, string assembly)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(SharedFolder.RepositoryRoot, "src", project, "bin", configuration, "net10.0", assembly);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A process of <paramref name="assembly"/>: <c>HOME</c> is <paramref name="home"/>, the rest of the environment as given.</summary>
    public static ProcessStartInfo StartInfo(string assembly, IEnumerable<string> args, string workingDirectory, string home, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing inherited from this test process's own isolation: only the user's home differs.
        start.Environment.Remove("Yibao__DataDirectory");
        start.Environment["HOME"] = home;
        start.Environment.Remove("XDG_DATA_HOME");
        start.Environment["Yibao__PaymentSweepSeconds"] = "0";
        start.Environment["Yibao__Supervision__MonthlyRunDay"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Starts the server on <paramref name="url"/> and waits until it answers <c>/health</c>.</summary>
    public static async Task<ServerProcess> StartAsync(string url, string home, IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = new ServerProcess(StartInfo(Built("Yibao.Server", "Yibao.Server.dll"), ["--urls", url], TestRun.Folder("server-cwd"), home, environment), url);
        await server.WaitUntilHealthyAsync();
        return server;
    }

    /// <summary>Runs the CLI to its end: its exit code, output and error output.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunCliAsync(IEnumerable<string> args, string workingDirectory, string home, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var cli = Process.Start(StartInfo(Built("Yibao.Cli", "yibao.dll"), args, workingDirectory, home, environment)) ?? throw new InvalidOperationException("could not start the CLI");
        var output = cli.StandardOutput.ReadToEndAsync();
        var error = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return (cli.ExitCode, await output, await error);
    }

    /// <summary>kill -9: no shutdown, no flush; open transactions die with the connection.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Starts the same server again, on the same address and database.</summary>
    public async Task RestartAsync()
    {
        _process.Dispose();
        _process = Launch();
        await WaitUntilHealthyAsync();
    }

    public async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            Assert.False(_process.HasExited, "the server exited: " + Log);
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail("the server did not become healthy within 60 s: " + Log);
    }

    private Process Launch()
    {
        var process = Process.Start(_start) ?? throw new InvalidOperationException("could not start the server");
        process.OutputDataReceived += (_, line) => _log.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => _log.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
