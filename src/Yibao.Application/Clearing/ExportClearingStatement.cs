using Yibao.Domain;

namespace Yibao.Application.Clearing;

/// <summary>A month's statement as a file: <c>csv</c> or <c>pdf</c>.</summary>
public sealed record ExportClearingStatement(string Month, string Format);

/// <summary>A file to hand over: its name, its media type and its bytes.</summary>
public sealed record ClearingFile(string FileName, string ContentType, byte[] Content);

public sealed class ExportClearingStatementHandler(GetClearingStatementHandler statements)
{
    public async Task<Result<ClearingFile>> HandleAsync(ExportClearingStatement command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Format is not ("csv" or "pdf"))
        {
            return Domain.Clearing.ClearingErrors.Invalid.With($"a statement is exported as csv or pdf, not '{command.Format}'");
        }

        var statement = await statements.HandleAsync(new GetClearingStatement(command.Month), ct);
        if (!statement.IsSuccess)
        {
            return statement.Error;
        }

        var name = $"clearing-{statement.Value.Month}.{command.Format}";
        return command.Format == "csv"
            ? new ClearingFile(name, "text/csv; charset=utf-8", StatementCsv.Write(statement.Value))
            : new ClearingFile(name, "application/pdf", StatementPdf.Write(statement.Value));
    }
}
