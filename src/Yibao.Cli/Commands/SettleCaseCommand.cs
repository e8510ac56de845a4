using System.CommandLine;
using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Domain.Settlement;

namespace Yibao.Cli.Commands;

/// <summary>
/// <c>yibao settle-case FILE...</c>: settles each case file with the engine and prints one JSON line
/// per file, in the shape of the case's <c>expected</c>. An engine refusal is a computed case; a file
/// that cannot be read or parsed is not, and makes the exit code 1.
/// </summary>
internal static class SettleCaseCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Case files in the format of spec/settlement.md" };
        var named = new Option<bool>("--name-files") { Description = "Wrap each line as {\"file\": NAME, \"result\": …} (without it, each line is exactly the case's expected shape)" };
        var command = new Command("settle-case", "Settle case files with the engine and print each result as one JSON line") { files, named };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var allComputed = true;
            foreach (var file in parse.GetValue(files)!)
            {
                var line = await SettleAsync(file, error, cancellationToken);
                allComputed &= line.Computed;
                await output.WriteLineAsync(parse.GetValue(named) ? $"{{\"file\":{System.Text.Json.JsonSerializer.Serialize(file.Name)},\"result\":{line.Json}}}" : line.Json);
            }

            return allComputed ? 0 : 1;
        });
        return command;
    }

    private static async Task<(bool Computed, string Json)> SettleAsync(FileInfo file, TextWriter error, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{file}: {ex.Message}");
            return (false, """{"error":"unreadable_file"}""");
        }

        var read = SettlementCase.Read(text);
        if (!read.IsSuccess)
        {
            await error.WriteLineAsync($"{file}: {read.Error.Message}");
            return (false, SettlementJson.Write(Result<SettlementResult>.Failure(read.Error)));
        }

        return (true, SettlementJson.Write(SettlementEngine.Settle(read.Value.Input)));
    }
}
