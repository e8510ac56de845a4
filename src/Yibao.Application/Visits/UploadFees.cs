using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Settlements.Checks;
using Yibao.Domain;
using Yibao.Domain.Catalogues;
using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Pricing;
using Yibao.Domain.Settlement;
using Yibao.Storage;
using Yibao.Storage.Entities;
using Yibao.Application.Reference;

namespace Yibao.Application.Visits;

/// <summary>A fee line as the institution sends it; <paramref name="FeedetlSn"/> is assigned when absent.</summary>
/// <param name="Rxno">The prescription it was dispensed on, if any.</param>
/// <param name="RxCircFlag">Whether that prescription came through the circulation platform.</param>
public sealed record FeeLineInput(string? FeedetlSn, string Code, string? Name, decimal Price, decimal Qty, decimal Amount, string? Rxno = null, bool RxCircFlag = false);

/// <summary>Uploads fee lines to an open visit (2204).</summary>
public sealed record UploadFees(string MdtrtId, IReadOnlyList<FeeLineInput> Lines, VisitScope Scope = default);

/// <summary>An uploaded line with its phase-1 split, its catalogue entry (null: uncatalogued), and a note when the Internet+ price list acted on it.</summary>
public sealed record UploadedLine(FeeLineRow Row, CatalogueEntry? Entry, string? Memo);

/// <summary>Classifies each line by the treatment-place catalogue, as the area's Internet+ price list governs it, and stores it.</summary>
public sealed class UploadFeesHandler(YibaoDbContext db, ReferenceData reference, AgencyCalendar calendar)
{
    public const int MaxLines = 1000;

    public async Task<Result<IReadOnlyList<UploadedLine>>> HandleAsync(UploadFees command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = await db.FindWithLinesAsync(command.MdtrtId, command.Scope, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var visit = found.Value.Visit;
        if (VisitLifecycle.NotOpen(visit.MdtrtId, visit.Status) is { } closed)
        {
            return closed;
        }

        for (var i = 0; i < command.Lines.Count; i++)
        {
            var l = command.Lines[i];
            if (!new FeeLine(l.Code, l.Price, l.Qty, l.Amount).IsValid)
            {
                return SettlementErrors.InvalidLine with { Message = $"lines[{i}]: {SettlementErrors.InvalidLine.Message}" };
            }
        }

        var institution = await reference.InstitutionAsync(visit.FixmedinsCode, ct) ?? throw new InvalidOperationException($"visit {visit.MdtrtId} names an unknown institution");
        var catalogue = await reference.GovernedCatalogueAsync(visit.TreatmentArea, institution.Settling.EffectiveLevel, ct);
        if (catalogue is null)
        {
            return SettlementErrors.CatalogueNotFound(visit.TreatmentArea);
        }

        var existing = found.Value.Lines;
        var taken = existing.Select(l => l.FeedetlSn).ToHashSet(StringComparer.Ordinal);
        if (command.Lines.FirstOrDefault(l => l.FeedetlSn is not null && taken.Contains(l.FeedetlSn)) is { } duplicate)
        {
            return VisitErrors.DuplicateFeedetlSn(visit.MdtrtId, duplicate.FeedetlSn!);
        }

        var next = existing.Count;
        var uploaded = new List<UploadedLine>(command.Lines.Count);
        foreach (var l in command.Lines)
        {
            var serial = l.FeedetlSn;
            while (serial is null || taken.Contains(serial))
            {
                serial = (++next).ToString(CultureInfo.InvariantCulture);
            }

            taken.Add(serial);
            var line = new FeeLine(l.Code, l.Price, l.Qty, l.Amount);
            var entry = catalogue.Catalogue.Find(line.Code);
            var split = SettlementEngine.Classify(entry, line);
            var row = new FeeLineRow
            {
                MdtrtId = visit.MdtrtId,
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
                Rxno = l.Rxno,
                RxCircFlag = l.RxCircFlag,
            };
            db.FeeLines.Add(row);
            uploaded.Add(new UploadedLine(row, entry, Flag(catalogue.Prices.Find(line.Code), split)));
        }

        db.Record(calendar.Clock.GetUtcNow(), visit.FixmedinsCode, "fees.upload", "visit", visit.MdtrtId, $"{command.Lines.Count} lines");
        return uploaded;
    }

    /// <summary>Flags a line the Internet+ price list acted on: priced above the governing price, or never covered.</summary>
    private static string? Flag(InternetPlusService? service, LineSplit split) => service switch
    {
        { Rule: PricingRule.SelfPaid } => "Internet+ service paid by the person; never covered",
        not null when split.Over > 0 => "Price above the governing Internet+ price: the excess is the person's",
        _ => null,
    };
}
