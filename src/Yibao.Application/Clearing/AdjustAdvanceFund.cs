using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Clearing;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Clearing;

/// <summary>An insured area's advance changes: a top-up (positive) or a return (negative), with its reason.</summary>
public sealed record AdjustAdvanceFund(string Area, decimal Change, string Reason, string Actor);

/// <summary>Applies the change; an advance never goes below zero. Staged, for the door's unit of work.</summary>
public sealed class AdjustAdvanceFundHandler(YibaoDbContext db, AgencyCalendar calendar)
{
    public async Task<Result<AdvanceFundRow>> HandleAsync(AdjustAdvanceFund command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Change == 0 || !Money.IsWholeCents(command.Change) || string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Length > 200)
        {
            return ClearingErrors.Invalid.With("a change of an advance is a non-zero amount in whole cents, with a reason of at most 200 characters");
        }

        if (!await db.Areas.AnyAsync(a => a.Admdvs == command.Area, ct))
        {
            return ClearingErrors.NotFound.With($"there is no area {command.Area}");
        }

        var now = calendar.Clock.GetUtcNow();
        var fund = await db.AdvanceFunds.FirstOrDefaultAsync(f => f.Area == command.Area, ct);
        if (fund is null)
        {
            fund = new AdvanceFundRow { Area = command.Area, UpdatedBy = command.Actor };
            db.AdvanceFunds.Add(fund);
        }

        if (fund.Amount + command.Change < 0)
        {
            return ClearingErrors.Invalid.With($"area {command.Area} holds {fund.Amount} in advance: it cannot return {-command.Change}");
        }

        (fund.Amount, fund.UpdatedAt, fund.UpdatedBy) = (fund.Amount + command.Change, now, command.Actor);
        db.AdvanceFundMovements.Add(new AdvanceFundMovementRow { Area = command.Area, Change = command.Change, Balance = fund.Amount, Reason = command.Reason.Trim(), At = now, By = command.Actor });
        db.Record(now, command.Actor, "advance.adjust", "area", command.Area, $"{command.Change:+0.00;-0.00} to {fund.Amount}: {command.Reason.Trim()}");
        return fund;
    }
}
