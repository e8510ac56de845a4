using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Codes;
using Yibao.Domain.Settlement;
using Yibao.Server.Features.Settlements;
using Yibao.Server.Infrastructure;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Storage.Reference;

namespace Yibao.Server.Features.Visits;

/// <summary>Uploads fee lines to an open visit and answers each line's split by the treatment-place catalogue.</summary>
internal static class UploadFees
{
    public const int MaxLines = 1000;

    public static async Task<IResult> HandleAsync(string mdtrtId, UploadFeesRequest? request, HttpContext http, IdempotentWrites writes, YibaoDbContext db, ReferenceCache reference, AgencyCalendar calendar)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid.ToResult();
        }

        return await writes.RunAsync(http, request, ct => UploadAsync(mdtrtId, request!.Lines!, db, reference, calendar, ct));
    }

    public static ApiError? Validate(UploadFeesRequest? request)
    {
        if (request?.Lines is not { Count: > 0 and <= MaxLines } lines)
        {
            return ApiError.Validation($"lines must hold 1 to {MaxLines} fee lines.");
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

            if (line.FeedetlSn is { Length: > 40 } || line.Name is { Length: > 200 })
            {
                missing.Add("feedetl_sn is at most 40 characters, name at most 200");
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

        return errors.Count > 0 ? ApiError.Validation("The fee upload is invalid.", errors) : null;
    }

    public static async Task<Reply> UploadAsync(string mdtrtId, IReadOnlyList<FeeLineRequest> request, YibaoDbContext db, ReferenceCache reference, AgencyCalendar calendar, CancellationToken ct)
    {
        var visit = await db.Visits.FirstOrDefaultAsync(v => v.MdtrtId == mdtrtId, ct);
        if (visit is null)
        {
            return ClaimErrors.VisitNotFound(mdtrtId);
        }

        if (visit.Status != VisitStatus.Registered)
        {
            return ClaimErrors.VisitNotOpen(mdtrtId, visit.Status);
        }

        for (var i = 0; i < request.Count; i++)
        {
            var l = request[i];
            if (!new FeeLine(l.Code!, l.Price!.Value, l.Qty!.Value, l.Amount!.Value).IsValid)
            {
                return new ApiError(422, SettlementErrors.InvalidLine.Code, $"lines[{i}]: {SettlementErrors.InvalidLine.Message}");
            }
        }

        // The treatment area's catalogue as its Internet+ price list governs it at the effective level.
        var institution = await db.Institutions.AsNoTracking().FirstAsync(i => i.FixmedinsCode == visit.FixmedinsCode, ct);
        var level = (await ClaimPreparation.SettlingInstitutionAsync(db, institution, ct)).EffectiveLevel;
        var catalogue = await reference.GovernedCatalogueAsync(db, visit.TreatmentArea, level, ct);
        if (catalogue is null)
        {
            return ApiError.From(ClaimErrors.CatalogueNotFound(visit.TreatmentArea));
        }

        var existing = await db.FeeLines.Where(f => f.MdtrtId == mdtrtId).Select(f => f.FeedetlSn).ToListAsync(ct);
        var taken = existing.ToHashSet(StringComparer.Ordinal);
        if (request.FirstOrDefault(l => l.FeedetlSn is not null && taken.Contains(l.FeedetlSn)) is { } duplicate)
        {
            return ApiError.Conflict("duplicate_feedetl_sn", $"Fee line {duplicate.FeedetlSn} was already uploaded to visit {mdtrtId}.");
        }

        var next = existing.Count;
        var splits = new List<FeeLineSplit>(request.Count);
        foreach (var l in request)
        {
            var serial = l.FeedetlSn;
            while (serial is null || taken.Contains(serial))
            {
                serial = (++next).ToString(CultureInfo.InvariantCulture);
            }

            taken.Add(serial);
            var line = new FeeLine(l.Code!, l.Price!.Value, l.Qty!.Value, l.Amount!.Value);
            var entry = catalogue.Catalogue.Find(line.Code);
            var split = SettlementEngine.Classify(entry, line);
            var row = new FeeLineRow
            {
                MdtrtId = mdtrtId,
                FeedetlSn = serial,
                Code = line.Code,
                Name = l.Name ?? entry?.Name,
                Price = line.Price,
                Qty = line.Qty,
                Amount = line.Amount,
                Fulamt = split.Fulamt,
                Over = split.Over,
                Pre = split.Pre,
                Inscp = split.Inscp,
                ChrgitmLv = (entry?.Class ?? CatalogueClass.C).ToChrgitmLv(),
                SelfpayProp = entry is null ? 1m : entry.Class == CatalogueClass.C ? 1m : entry.SelfpayProp,
                PriceCap = entry?.PriceCap,
            };
            db.FeeLines.Add(row);
            splits.Add(ToSplit(row) with { Memo = Flag(catalogue.Prices.Find(line.Code), split) });
        }

        db.Record(calendar.Clock.GetUtcNow(), visit.FixmedinsCode, "fees.upload", "visit", mdtrtId, $"{request.Count} lines");
        return Reply.Ok(new UploadFeesResponse(mdtrtId, splits));
    }

    /// <summary>Flags a line the Internet+ price list acted on: priced above the governing price, or never covered.</summary>
    private static string? Flag(Domain.Pricing.InternetPlusService? service, LineSplit split) => service switch
    {
        { Rule: Domain.Pricing.PricingRule.SelfPaid } => "Internet+ service paid by the person; never covered",
        not null when split.Over > 0 => "Price above the governing Internet+ price: the excess is the person's",
        _ => null,
    };

    public static FeeLineSplit ToSplit(FeeLineRow row) =>
        new(row.FeedetlSn, row.Code, row.Amount, row.Fulamt, row.Over, row.Pre, row.Inscp, row.SelfpayProp, row.PriceCap, row.ChrgitmLv);
}
