using Yibao.Application.Designation;
using Yibao.Application.Visits;
using Yibao.Domain.Codes;
using Yibao.Domain.Designation;
using Yibao.Server.Infrastructure;

namespace Yibao.Server.Features.Visits;

/// <summary>The native API's visit requests, checked for shape and turned into the use cases' commands.</summary>
internal static class VisitRequests
{
    /// <summary>The registration, at the calling <paramref name="institution"/>: a <c>fixmedins_code</c> in the body may only name it.</summary>
    public static ApiOutcome<RegisterVisit> ToCommand(RegisterVisitRequest? request, string institution)
    {
        if (request is null)
        {
            return HttpErrors.ValidationFailed.With("A JSON body is required.");
        }

        if (request.FixmedinsCode is { Length: > 0 } named && named != institution)
        {
            return HttpErrors.InstitutionForbidden.With($"fixmedins_code {named} is not the institution of this x-tif-paasid ({institution}).");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.PsnNo) && string.IsNullOrWhiteSpace(request.Certno))
        {
            errors["psn_no"] = ["psn_no or certno is required."];
        }

        if (string.IsNullOrWhiteSpace(request.MedType))
        {
            errors["med_type"] = ["med_type is required (11, 14, 21, 41)."];
        }

        var channel = Optional<Channel>(request.Channel, CodeNames.TryParseChannel, errors, "channel", "channel is online or offline.");
        var visitKind = Optional<VisitKind>(request.VisitKind, CodeNames.TryParseVisitKind, errors, "visit_kind", "visit_kind is first or followUp.");
        var service = Optional<OnlineService>(request.OnlineService, Designations.TryParseService, errors, "online_service", "online_service is followUp, pharmacyClinic or homeNursing.");
        if (request.DiseCodg is { Length: > 20 })
        {
            errors["dise_codg"] = ["dise_codg is at most 20 characters."];
        }

        return errors.Count > 0
            ? HttpErrors.ValidationFailed.With("The visit registration is invalid.", errors)
            : new RegisterVisit(request.PsnNo, request.Certno, institution, request.MedType!, channel, visitKind, service, request.Begntime, request.DiseCodg);
    }

    private delegate bool TryParse<T>(string? text, out T value);

    /// <summary>An optional code: absent is null, a known name its value, anything else an error on the field.</summary>
    private static T? Optional<T>(string? text, TryParse<T> parse, Dictionary<string, string[]> errors, string field, string message)
        where T : struct
    {
        if (text is null)
        {
            return null;
        }

        if (parse(text, out var value))
        {
            return value;
        }

        errors[field] = [message];
        return null;
    }

    /// <summary>The fee lines of an upload, or why they cannot be taken.</summary>
    public static ApiOutcome<IReadOnlyList<FeeLineInput>> ToLines(UploadFeesRequest? request)
    {
        if (request?.Lines is not { Count: > 0 and <= UploadFeesHandler.MaxLines } lines)
        {
            return HttpErrors.ValidationFailed.With($"lines must hold 1 to {UploadFeesHandler.MaxLines} fee lines.");
        }

        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var missing = new List<string>();
            if (line is null)
            {
                errors[$"lines[{i}]"] = ["a fee line is required"];
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.Code) || line.Code.Length > 50)
            {
                missing.Add("code is required (at most 50 characters)");
            }

            if (line.Price is null || line.Qty is null || line.Amount is null)
            {
                missing.Add("price, qty and amount are required");
            }

            if (line.FeedetlSn is { Length: > 40 } || line.Name is { Length: > 200 } || line.Rxno is { Length: > 30 })
            {
                missing.Add("feedetl_sn is at most 40 characters, name at most 200, rxno at most 30");
            }

            if (missing.Count > 0)
            {
                errors[$"lines[{i}]"] = [.. missing];
            }
        }

        var serials = lines.Where(l => l?.FeedetlSn is not null).Select(l => l!.FeedetlSn!).ToList();
        if (serials.Count != serials.Distinct(StringComparer.Ordinal).Count())
        {
            errors["feedetl_sn"] = ["feedetl_sn repeats within the upload."];
        }

        return errors.Count > 0
            ? HttpErrors.ValidationFailed.With("The fee upload is invalid.", errors)
            : lines.Select(l => new FeeLineInput(l.FeedetlSn, l.Code!, l.Name, l.Price!.Value, l.Qty!.Value, l.Amount!.Value, string.IsNullOrWhiteSpace(l.Rxno) ? null : l.Rxno, l.RxCircFlag ?? false)).ToList();
    }
}
