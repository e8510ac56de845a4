using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Yibao.Testing;

namespace Yibao.Cli.Tests;

/// <summary>The server and the CLI as an operator runs them: separate processes, started from different directories.</summary>
public sealed class CliServicesTests
{
    [Fact]
    public async Task OpenAsync_ServerAndCliStartedFromDifferentDirectories_ShareOneInstallation()
    {
        // A fresh user account: nothing configured, so both must find the same default data folder.
        var home = TestRun.Folder("home");
        var url = $"http://127.0.0.1:{FreePort()}";
        using var server = Start(Built("Yibao.Server", "Yibao.Server.dll"), ["--urls", url], workingDirectory: TestRun.Folder("server-cwd"), home);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.OutputDataReceived += (_, line) => log.Enqueue(line.Data ?? "");
        server.ErrorDataReceived += (_, line) => log.Enqueue(line.Data ?? "");
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            await WaitUntilHealthyAsync(http, server, log);
            Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(http, "before")).StatusCode);

            var (exit, output, error) = await RunCliAsync(["designation", "suspend", "--institution", "H33010000001", "--reason", "audit finding"], TestRun.Folder("cli-cwd"), home);
            var refused = await RegisterAsync(http, "after");

            Assert.Equal(0, exit);
            Assert.Contains($"database: SQLite {Path.Combine(home, ".local", "share", "yibao", "yibao.db")}", error, StringComparison.Ordinal);
            Assert.Contains("H33010000001 is now suspended", output, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("institution_suspended", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task OpenAsync_NoDatabaseYet_SaysSoAndCreatesNone()
    {
        var home = TestRun.Folder("home");

        var (exit, _, error) = await RunCliAsync(["designation", "show", "--institution", "H33010000001"], TestRun.Folder("cli-cwd"), home);

        Assert.Equal(YibaoCli.ConfigurationError, exit);
        Assert.Contains("There is no database at", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(home, ".local", "share", "yibao", "yibao.db")));
    }

    [Fact]
    public async Task RunAsync_UnreachablePostgres_OneLineAndExitTwo()
    {
        var (exit, _, error) = await RunCliAsync(["credentials", "list", "-c", $"Host=127.0.0.1;Port={FreePort()};Username=nobody"], TestRun.Folder("cli-cwd"), TestRun.Folder("home"));

        Assert.Equal(YibaoCli.ConfigurationError, exit);
        Assert.Contains("yibao: Cannot reach PostgreSQL", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_UnreachableDatabase_LogsOneLineAndExitsTwo()
    {
        using var server = Start(Built("Yibao.Server", "Yibao.Server.dll"), ["--urls", $"http://127.0.0.1:{FreePort()}", $"--ConnectionStrings:Yibao=Host=127.0.0.1;Port={FreePort()};Username=nobody;Timeout=3"], TestRun.Folder("server-cwd"), TestRun.Folder("home"));
        var output = server.StandardOutput.ReadToEndAsync();
        var error = server.StandardError.ReadToEndAsync();
        await server.WaitForExitAsync();
        var log = await output + await error;

        Assert.Equal(2, server.ExitCode);
        Assert.Contains("The server cannot start: the database cannot be used", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient http, string msgId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/visits") { Content = JsonContent.Create(new { psn_no = "3301000000000001", fixmedins_code = "H33010000001", med_type = "11" }) };
        request.Headers.Add("X-Msg-Id", msgId);
        foreach (var (name, value) in Yibao.Client.TifSignature.Headers(Yibao.Client.GatewayIdentity.Demo("H33010000001", "330100"), DateTimeOffset.UtcNow))
        {
            request.Headers.Add(name, value);
        }

        return http.SendAsync(request);
    }

    private static async Task<(int Exit, string Output, string Error)> RunCliAsync(string[] args, string workingDirectory, string home)
    {
        using var cli = Start(Built("Yibao.Cli", "yibao.dll"), args, workingDirectory, home);
        var output = cli.StandardOutput.ReadToEndAsync();
        var error = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return (cli.ExitCode, await output, await error);
    }

    /// <summary><c>dotnet run</c>'s own build output of the project, in this test run's configuration.</summary>
    private static string Built(string project, string assembly)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(SharedFolder.RepositoryRoot, "src", project, "bin", configuration, "net10.0", assembly);
    }

    private static Process Start(string assembly, string[] args, string workingDirectory, string home)
    {
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
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {assembly}");
    }

    private static async Task WaitUntilHealthyAsync(HttpClient http, Process server, IEnumerable<string> log)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            Assert.False(server.HasExited, "the server exited: " + string.Join('\n', log));
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail("the server did not become healthy within 30 s: " + string.Join('\n', log));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
