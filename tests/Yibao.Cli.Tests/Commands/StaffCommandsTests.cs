using System.Net;
using System.Net.Http.Json;
using Yibao.Application.Staff;
using Yibao.Testing;

namespace Yibao.Cli.Tests.Commands;

public sealed class StaffCommandsTests
{
    [Fact]
    public async Task StaffAdd_FirstAdminOfAnInstallationWithoutDemoData_SignsInToTheServer()
    {
        var connection = $"Data Source={TestRun.File("staff", ".db")}";
        var password = TestRun.File("staff-password", ".txt");
        await File.WriteAllTextAsync(password, "Chen-jing-2026!\n");
        Assert.Equal(0, (await InProcess.RunAsync("migrate", "-c", connection)).Exit);

        var added = await InProcess.RunAsync("staff", "add", "chen.jing", "--role", "admin", "--role", "audit", "--password-file", password, "-c", connection);
        var again = await InProcess.RunAsync("staff", "add", "chen.jing", "--role", "admin", "--password-file", password, "-c", connection);
        var unknownRole = await InProcess.RunAsync("staff", "add", "wu.lei", "--role", "root", "--password-file", password, "-c", connection);
        var listed = await InProcess.RunAsync("staff", "list", "-c", connection);
        var reset = await InProcess.RunAsync("staff", "reset-totp", "chen.jing", "-c", connection);
        var resetNobody = await InProcess.RunAsync("staff", "reset-totp", "nobody", "-c", connection);

        Assert.Equal(0, added.Exit);
        Assert.Contains("chen.jing (admin, audit)", added.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.Exit);
        Assert.Contains("staff_exists", again.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, unknownRole.Exit);
        Assert.Contains("chen.jing", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("demo.", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Chen-jing-2026!", listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, reset.Exit);
        Assert.Equal(1, resetNobody.Exit);
        Assert.Contains("staff_not_found", resetNobody.Error, StringComparison.Ordinal);

        await using var server = await YibaoServer.StartAsync(connectionString: connection, settings: new() { ["Yibao:SeedDemoData"] = "false" });
        var client = server.CreateClient();
        var token = await YibaoServer.StaffTokenAsync(client, "chen.jing", "Chen-jing-2026!");
        var demo = await client.PostAsJsonAsync("/api/staff/sign-in", new { user_name = DemoStaff.UserName(StaffRoles.Admin), password = DemoStaff.Password }, YibaoServer.Json);
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(HttpStatusCode.Unauthorized, demo.StatusCode);
    }
}
