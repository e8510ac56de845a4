using Yibao.Domain;
using Yibao.Domain.Clearing;
using Yibao.Storage;

namespace Yibao.Application.Clearing;

/// <summary>A month's clearing statement, as last computed.</summary>
public sealed record GetClearingStatement(string Month);

public sealed class GetClearingStatementHandler(YibaoDbContext db)
{
    public async Task<Result<ClearingStatementView>> HandleAsync(GetClearingStatement command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var month = ClearingMonth.Parse(command.Month);
        if (!month.IsSuccess)
        {
            return month.Error;
        }

        return await ClearingViews.LoadAsync(db, month.Value.ToString(), ct) is { } view
            ? view
            : ClearingErrors.NotFound.With($"{month.Value} has not been cleared: run it first");
    }
}
