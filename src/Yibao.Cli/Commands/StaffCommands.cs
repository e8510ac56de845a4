using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Yibao.Application.Staff;

namespace Yibao.Cli.Commands;

/// <summary>
/// <c>yibao staff add|list|reset-totp</c>: the agency's staff accounts (ASP.NET Core Identity, in the platform's
/// database). <c>yibao staff add NAME --role admin</c> creates the first account of an installation.
/// </summary>
internal static class StaffCommands
{
    public static Command Create()
    {
        var command = new Command("staff", "Add and list agency staff accounts (roles: " + string.Join(", ", StaffRoles.All) + ")");
        var userName = new Argument<string>("user-name") { Description = "The account's user name (letters, digits, - . _ @)" };
        var roles = new Option<string[]>("--role") { Description = "A role to give; repeat for several", Required = true, AllowMultipleArgumentsPerToken = true };
        var passwordFile = new Option<string?>("--password-file") { Description = "Read the password from the first line of this file (- for standard input); without it, it is asked for" };
        var displayName = new Option<string?>("--display-name") { Description = "The name shown in the console" };
        roles.AcceptOnlyFromAmong([.. StaffRoles.All]);

        var add = new Command("add", "Create a staff account; the password is stored hashed only (at least 10 characters, with upper and lower case, a digit and a symbol)") { userName, roles, passwordFile, displayName };
        add.SetAction(async (parse, ct) =>
        {
            var password = await ReadPasswordAsync(parse.GetValue(passwordFile), ct);
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var added = await cli.Use<AddStaffHandler>().HandleAsync(new AddStaff(parse.GetValue(userName)!, password, parse.GetValue(roles)!, parse.GetValue(displayName)), ct);
            if (!added.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(added.Error.ToString());
                return 1;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"Added staff account {added.Value.UserName} ({string.Join(", ", added.Value.Roles)}).");
            return 0;
        });
        var list = new Command("list", "List staff accounts with their roles (never passwords)");
        list.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var table = new Table().AddColumns("user name", "name", "roles", "TOTP", "locked until");
            foreach (var account in await cli.Use<ListStaffHandler>().HandleAsync(new ListStaff(), ct))
            {
                table.AddRow(Markup.Escape(account.UserName), Markup.Escape(account.DisplayName), string.Join(", ", account.Roles), account.TwoFactorEnabled ? "on" : "", account.LockedOutUntil?.ToString("u", CultureInfo.InvariantCulture) ?? "");
            }

            CliConsole.Create(parse.InvocationConfiguration.Output).Write(table);
            return 0;
        });
        var resetName = new Argument<string>("user-name") { Description = "The account whose TOTP to turn off (and lockout to lift)" };
        var reset = new Command("reset-totp", "Turn an account's TOTP off and lift its lockout, for a lost authenticator; the member sets TOTP up again") { resetName };
        reset.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var done = await cli.Use<ResetStaffSecondFactorHandler>().HandleAsync(new ResetStaffSecondFactor(parse.GetValue(resetName)!), ct);
            if (!done.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(done.Error.ToString());
                return 1;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"TOTP is off for {done.Value.UserName}, and the account is unlocked.");
            return 0;
        });
        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        command.Subcommands.Add(reset);
        return command;
    }

    private static async Task<string> ReadPasswordAsync(string? file, CancellationToken ct)
    {
        if (file is null)
        {
            if (System.Console.IsInputRedirected)
            {
                throw new CliFailure("no terminal to ask for the password on: give --password-file FILE, or --password-file - to read it from standard input.");
            }

            return AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
        }

        var text = file == "-" ? await System.Console.In.ReadLineAsync(ct) : (await File.ReadAllLinesAsync(file, ct)).FirstOrDefault();
        return string.IsNullOrEmpty(text) ? throw new CliFailure($"no password in {(file == "-" ? "standard input" : file)}.") : text;
    }
}
