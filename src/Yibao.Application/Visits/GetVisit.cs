using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Visits;

/// <summary>A visit with its open fee lines.</summary>
public sealed record GetVisit(string MdtrtId, VisitScope Scope = default);

public sealed class GetVisitHandler(YibaoDbContext db)
{
    public async Task<Result<VisitRow>> HandleAsync(GetVisit command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var visit = await db.Visits.AsNoTracking().Include(v => v.FeeLines.Where(l => !l.Cancelled).OrderBy(l => l.Id)).FirstOrDefaultAsync(v => v.MdtrtId == command.MdtrtId, ct);
        return VisitAccess.Check(visit, command.MdtrtId, command.Scope);
    }
}
