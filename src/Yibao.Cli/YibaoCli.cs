using System.CommandLine;
using Yibao.Cli.Commands;

namespace Yibao.Cli;

/// <summary>The <c>yibao</c> command: each subcommand lives in its own file under Commands/.</summary>
public static class YibaoCli
{
    public static RootCommand Build() => new("yibao — medical-insurance settlement platform: operator commands")
    {
        SettleCaseCommand.Create(),
        DatabaseCommands.CreateMigrate(),
        DatabaseCommands.CreateSeed(),
        LoadCommand.Create(),
        CredentialCommands.Create(),
        DesignationCommands.Create(),
        ReportCommands.Create(),
    };

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
}
