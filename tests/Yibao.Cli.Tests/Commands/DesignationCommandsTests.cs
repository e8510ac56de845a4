using Yibao.Testing;
namespace Yibao.Cli.Tests.Commands;

public sealed class DesignationCommandsTests
{
    [Fact]
    public async Task Designation_AgreeSuspendResumeShow_ChangesWhatShowReports()
    {
        var connection = $"Data Source={TestRun.File("des", ".db")}";
        Assert.Equal(0, (await InProcess.RunAsync("seed", "-c", connection)).Exit);

        var agree = await InProcess.RunAsync("designation", "agree", "--internet", "H33010000002", "--from", "2026-07-01", "--to", "2027-06-30", "--services", "followUp,homeNursing", "--diseases", "I10,E11.9", "-c", connection);
        var suspend = await InProcess.RunAsync("designation", "suspend", "--institution", "H33010000001", "--reason", "audit finding", "-c", connection);
        var suspended = await InProcess.RunAsync("designation", "show", "--institution", "H33010000001", "-c", connection);
        var following = await InProcess.RunAsync("designation", "show", "--institution", "H33010000002", "-c", connection);
        await InProcess.RunAsync("designation", "resume", "--institution", "H33010000001", "-c", connection);
        var shown = await InProcess.RunAsync("designation", "show", "--institution", "H33010000002", "-c", connection);
        var wrong = await InProcess.RunAsync("designation", "agree", "--internet", "H33010000002", "--from", "2026-07-01", "--services", "surgery", "-c", connection);

        Assert.Equal(0, agree.Exit);
        Assert.Equal(0, suspend.Exit);
        Assert.Contains("agreement suspended", suspended.Output, StringComparison.Ordinal);
        Assert.Contains("agreement active (in effect suspended: H33010000001 is suspended)", following.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("in effect", shown.Output, StringComparison.Ordinal);
        Assert.Contains("2026-07-01 to 2027-06-30", shown.Output, StringComparison.Ordinal);
        Assert.Contains("followUp", shown.Output, StringComparison.Ordinal);
        Assert.Contains("E11", shown.Output, StringComparison.Ordinal);
        Assert.Contains("agreement active", shown.Output, StringComparison.Ordinal);
        Assert.Equal(1, wrong.Exit);
    }
}
