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
        await using var server = await ServerProcess.StartAsync($"http://127.0.0.1:{ServerProcess.FreePort()}", home);
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
            Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(http, "before")).StatusCode);

            var (exit, output, error) = await RunCliAsync(["designation", "suspend", "--institution", "H33010000001", "--reason", "audit finding"], TestRun.Folder("cli-cwd"), home);
            var refused = await RegisterAsync(http, "after");

            Assert.Equal(0, exit);
            Assert.Contains($"database: SQLite {Path.Combine(home, ".local", "share", "yibao", "yibao.db")}", error, StringComparison.Ordinal);
            Assert.Contains("H33010000001 is now suspended", output, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("institution_suspended", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
        var (exit, _, error) = await RunCliAsync(["credentials", "list", "-c", $"Host=127.0.0.1;Port={ServerProcess.FreePort()};Username=nobody"], TestRun.Folder("cli-cwd"), TestRun.Folder("home"));

        Assert.Equal(YibaoCli.ConfigurationError, exit);
        Assert.Contains("yibao: Cannot reach PostgreSQL", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_UnreachableDatabase_LogsOneLineAndExitsTwo()
    {
        using var server = Process.Start(ServerProcess.StartInfo(ServerProcess.Built("Yibao.Server", "Yibao.Server.dll"),
            ["--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}", $"--ConnectionStrings:Yibao=Host=127.0.0.1;Port={ServerProcess.FreePort()};Username=nobody;Timeout=3"], TestRun.Folder("server-cwd"), TestRun.Folder("home")))!;
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

    private static Task<(int Exit, string Output, string Error)> RunCliAsync(string[] args, string workingDirectory, string home) =>
        ServerProcess.RunCliAsync(args, workingDirectory, home);
}
