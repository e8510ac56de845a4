using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Supervision;

/// <summary>The last after-event runs, newest first: from the CLI, the schedule, or another server.</summary>
public sealed record ListSupervisionRuns(int Count = 10);

public sealed class ListSupervisionRunsHandler(YibaoDbContext db)
{
    public async Task<Result<IReadOnlyList<SupervisionRunRow>>> HandleAsync(ListSupervisionRuns command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        // By id, which grows with the start (SQLite cannot order instants).
        return await db.SupervisionRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(Math.Clamp(command.Count, 1, 100)).ToListAsync(ct);
    }
}
