using Yibao.Domain;
using Yibao.Domain.Clearing;
using Yibao.Storage;

namespace Yibao.Application.Clearing;

/// <summary>3260: a page of an institution's cross-region split detail for a month of treatment (<c>trt_year</c>, <c>trt_month</c>).</summary>
public sealed record ExtractSplitDetail(string FixmedinsCode, int Year, int Month, int PageNum, int PageSize = ExtractSplitDetail.DefaultPageSize)
{
    public const int DefaultPageSize = 100;
}

/// <summary>A page of split detail, and how many lines there are in all.</summary>
public sealed record SplitDetailPage(int PageNum, int PageSize, long Total, IReadOnlyList<SplitDetail> Lines)
{
    public long Pages => (Total + PageSize - 1) / PageSize;
}

public sealed class ExtractSplitDetailHandler(YibaoDbContext db)
{
    public async Task<Result<SplitDetailPage>> HandleAsync(ExtractSplitDetail command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var month = ClearingMonth.From(command.Year, command.Month);
        if (!month.IsSuccess)
        {
            return month.Error;
        }

        if (command.PageNum < 1 || command.PageSize is < 1 or > 1000)
        {
            return ClearingErrors.Invalid.With("page_num starts at 1; page_size is 1 to 1000");
        }

        var skip = (long)(command.PageNum - 1) * command.PageSize;
        if (skip > int.MaxValue)
        {
            return ClearingErrors.Invalid.With("page_num is past the end");
        }

        var (lines, total) = await ClearingSums.PageAsync(db, month.Value, command.FixmedinsCode, (int)skip, command.PageSize, ct);
        return new SplitDetailPage(command.PageNum, command.PageSize, total, lines);
    }
}
