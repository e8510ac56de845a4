using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Persons;
using Yibao.Storage;

namespace Yibao.Application.Audit;

/// <summary>
/// The audit log, newest first, filtered by who, what kind of change, and on which entity; a page
/// at a time (keyset on the entry's id: <paramref name="Before"/> is the last id of the previous page).
/// </summary>
public sealed record ListAuditEntries(string? Actor, string? Action, string? EntityType, string? EntityId, long? Before, int Limit = 50);

public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityId, string? Detail);

public sealed class ListAuditEntriesHandler(YibaoDbContext db)
{
    public const int MaxLimit = 500;

    public async Task<Result<IReadOnlyList<AuditEntry>>> HandleAsync(ListAuditEntries command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Limit is < 1 or > MaxLimit)
        {
            return PersonErrors.AccessQueryInvalid.With($"limit is 1..{MaxLimit}.");
        }

        var entries = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(command.Actor))
        {
            entries = entries.Where(e => e.Actor == command.Actor);
        }

        if (!string.IsNullOrWhiteSpace(command.Action))
        {
            entries = entries.Where(e => e.Action.StartsWith(command.Action));
        }

        if (!string.IsNullOrWhiteSpace(command.EntityType))
        {
            entries = entries.Where(e => e.EntityType == command.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(command.EntityId))
        {
            entries = entries.Where(e => e.EntityId == command.EntityId);
        }

        if (command.Before is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }

        return await entries.OrderByDescending(e => e.Id).Take(command.Limit)
            .Select(e => new AuditEntry(e.Id, e.At, e.Actor, e.Action, e.EntityType, e.EntityId, e.Detail))
            .ToListAsync(ct);
    }
}
