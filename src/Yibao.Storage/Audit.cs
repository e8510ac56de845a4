using Yibao.Storage.Entities;

namespace Yibao.Storage;

public static class Audit
{
    /// <summary>
    /// Adds an audit entry to the unit of work; it commits or rolls back with the change it records.
    /// An ID number in the description (a reason typed by staff, say) is masked.
    /// </summary>
    public static void Record(this YibaoDbContext db, DateTimeOffset at, string actor, string action, string entityType, string entityId, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AuditLog.Add(new AuditEntryRow
        {
            At = at,
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Detail = detail is null ? null : Domain.Privacy.Masking.Scrub(detail),
        });
    }
}
