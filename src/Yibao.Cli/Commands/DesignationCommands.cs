using System.CommandLine;
using System.Globalization;
using Yibao.Domain.Designation;
using Yibao.Application.Designation;

namespace Yibao.Cli.Commands;

/// <summary>
/// <c>yibao designation agree|suspend|resume|end|show</c>: the agency's designation of institutions,
/// including internet hospitals' Internet+ supplementary agreements.
/// </summary>
internal static class DesignationCommands
{
    public static Command Create()
    {
        var command = new Command("designation", "Designation agreements: Internet+ supplementary agreements, suspension, resumption, ending");
        command.Subcommands.Add(Agree());
        foreach (var (name, status, description) in new[]
        {
            ("suspend", AgreementStatus.Suspended, "Suspend an institution's designation (a physical institution's internet hospitals follow at once)"),
            ("resume", AgreementStatus.Active, "Resume a suspended designation"),
            ("end", AgreementStatus.Ended, "End an institution's designation for good"),
        })
        {
            command.Subcommands.Add(SetStatus(name, status, description));
        }

        command.Subcommands.Add(Show());
        return command;
    }

    private static Command Agree()
    {
        var internet = new Option<string>("--internet") { Description = "fixmedins_code of the internet hospital", Required = true };
        var from = new Option<string>("--from") { Description = "First day, yyyy-MM-dd", Required = true };
        var to = new Option<string?>("--to") { Description = "Last day, yyyy-MM-dd (open-ended when absent)" };
        var services = new Option<string>("--services") { Description = "followUp,pharmacyClinic,homeNursing", DefaultValueFactory = _ => "followUp" };
        var diseases = new Option<string?>("--diseases") { Description = "ICD-10 codes it may treat online, comma-separated (any when absent)" };
        var agree = new Command("agree", "Sign an internet hospital's Internet+ supplementary agreement (ends its current one)") { internet, from, to, services, diseases };
        agree.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!DateOnly.TryParseExact(parse.GetValue(from), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
                || (parse.GetValue(to) is { } last && !DateOnly.TryParseExact(last, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
            {
                await error.WriteLineAsync("--from and --to are dates yyyy-MM-dd.");
                return 1;
            }

            var chosen = new List<OnlineService>();
            foreach (var name in parse.GetValue(services)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Designations.TryParseService(name, out var service))
                {
                    await error.WriteLineAsync($"Unknown service '{name}': followUp, pharmacyClinic or homeNursing.");
                    return 1;
                }

                chosen.Add(service);
            }

            DateOnly? end = parse.GetValue(to) is { } t ? DateOnly.ParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var signed = await cli.Use<SignInternetAgreementHandler>().HandleAsync(new SignInternetAgreement(
                parse.GetValue(internet)!, first, end, chosen, parse.GetValue(diseases)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [], Actor), ct);
            if (!signed.IsSuccess)
            {
                await error.WriteLineAsync(signed.Error.ToString());
                return 1;
            }

            await cli.Db.SaveChangesAsync(ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Agreement signed for {signed.Value.InternetHospital} from {signed.Value.From:yyyy-MM-dd}.");
            return 0;
        });
        return agree;
    }

    private static Command SetStatus(string name, AgreementStatus status, string description)
    {
        var institution = new Option<string>("--institution") { Description = "fixmedins_code", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the audit log)", DefaultValueFactory = _ => "" };
        var command = new Command(name, description) { institution, reason };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var set = await cli.Use<SetAgreementStatusHandler>().HandleAsync(new SetAgreementStatus(parse.GetValue(institution)!, status, parse.GetValue(reason)!, Actor), ct);
            if (!set.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(set.Error.ToString());
                return 1;
            }

            await cli.Db.SaveChangesAsync(ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{parse.GetValue(institution)} is now {Designations.ToName(set.Value)}.");
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var institution = new Option<string>("--institution") { Description = "fixmedins_code", Required = true };
        var command = new Command("show", "Show an institution's designation") { institution };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliServices.OpenAsync(parse, ct);
            var found = await cli.Use<GetDesignationHandler>().HandleAsync(new GetDesignation(parse.GetValue(institution)!), ct);
            if (!found.IsSuccess)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(found.Error.ToString());
                return 1;
            }

            var (row, current, reliedOn, effective) = found.Value;
            var output = parse.InvocationConfiguration.Output;
            var follows = Designations.ToName(effective) == row.AgreementStatus ? "" : $" (in effect {Designations.ToName(effective)}: {row.ReliesOn} is {Designations.ToName(reliedOn!.Value)})";
            await output.WriteLineAsync($"{row.FixmedinsCode} {row.Name}: {row.Kind}, level {row.Level}, agreement {row.AgreementStatus}{follows}{(row.ReliesOn is null ? "" : $", relies on {row.ReliesOn}")}");
            if (current is { } agreement)
            {
                await output.WriteLineAsync($"Internet+ agreement: {agreement.From:yyyy-MM-dd} to {(agreement.To is { } to ? to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "open")}; services {string.Join(", ", agreement.Services.Select(Designations.ToName))}; diseases {(agreement.Diseases.Count == 0 ? "any" : string.Join(", ", agreement.Diseases))}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Who the CLI acts as, in the audit log.</summary>
    private const string Actor = "cli";
}
