using System.CommandLine;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Yibao.Cli.Commands;

namespace Yibao.Cli;

/// <summary>The <c>yibao</c> command: each subcommand lives in its own file under Commands/.</summary>
public static class YibaoCli
{
    /// <summary>The exit code of a command that could not run as configured (no database, unreachable server, bad setting).</summary>
    public const int ConfigurationError = 2;

    public static RootCommand Build() => new("yibao — medical-insurance settlement platform: operator commands")
    {
        CliServices.ConnectionOption,
        SettleCaseCommand.Create(),
        DatabaseCommands.CreateMigrate(),
        DatabaseCommands.CreateSeed(),
        LoadCommand.Create(),
        ImportCommand.Create(),
        CredentialCommands.Create(),
        StaffCommands.Create(),
        DesignationCommands.Create(),
        ReportCommands.Create(),
        PolicyCommands.Create(),
        SigningCommands.Create(),
        SuperviseCommand.Create(),
        ClearingCommands.Create(),
        FederationCommands.Create(),
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return await Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (Describe(ex) is { } line)
        {
            // What an operator can fix gets one line, not a stack trace.
            await error.WriteLineAsync($"yibao: {line}");
            return ConfigurationError;
        }
    }

    private static string? Describe(Exception ex) => ex switch
    {
        CliFailure failure => failure.Message,
        PostgresException { SqlState: "3D000" } missing => $"{missing.MessageText}. Create it (or run `yibao migrate` against it), or name another with --connection.",
        PostgresException { SqlState: "28P01" or "28000" } denied => $"PostgreSQL refused the sign-in: {denied.MessageText}.",
        NpgsqlException { InnerException: SocketException or TimeoutException } unreachable => $"Cannot reach PostgreSQL: {unreachable.InnerException!.Message}.",
        NpgsqlException npgsql => $"PostgreSQL: {npgsql.Message}",
        SqliteException sqlite => $"SQLite: {sqlite.Message}",
        HttpRequestException { InnerException: SocketException } http => $"Cannot reach the server: {http.Message}.",
        _ => null,
    };
}
