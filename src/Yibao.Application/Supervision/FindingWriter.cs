using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Supervision;

/// <summary>
/// Writes a batch of after-event findings: on PostgreSQL by binary COPY (a month may raise tens of
/// thousands, and row-by-row inserts would cost more than judging them), elsewhere through the context.
/// </summary>
internal static class FindingWriter
{
    private const string Copy = """
        COPY supervision_findings (jr_id, stage, rule_id, rule_name, severity, blocking, mdtrt_id, setl_id, psn_no, fixmedins_code, subject,
          content, amount, evidence, parameters, found_at, period, finding_key, review_step, review_due, deducted, version) FROM STDIN (FORMAT BINARY)
        """;

    public static async Task WriteAsync(YibaoDbContext writer, IReadOnlyList<SupervisionFindingRow> rows, CancellationToken ct)
    {
        if (writer.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            writer.SupervisionFindings.AddRange(rows);
            await writer.SaveChangesAsync(ct);
            return;
        }

        await writer.Database.OpenConnectionAsync(ct);
        await using var copy = await connection.BeginBinaryImportAsync(Copy, ct);
        foreach (var f in rows)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(f.JrId, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.Stage, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.RuleId, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.RuleName, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.Severity, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(f.Blocking, NpgsqlDbType.Boolean, ct);
            await WriteAsync(copy, f.MdtrtId, ct);
            await WriteAsync(copy, f.SetlId, ct);
            await WriteAsync(copy, f.PsnNo, ct);
            await WriteAsync(copy, f.FixmedinsCode, ct);
            await WriteAsync(copy, f.Subject, ct);
            await copy.WriteAsync(f.Content, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.Amount, NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(f.Evidence, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(f.Parameters, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(f.FoundAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await WriteAsync(copy, f.Period, ct);
            await WriteAsync(copy, f.FindingKey, ct);
            await WriteAsync(copy, f.ReviewStep, ct);
            if (f.ReviewDue is { } due)
            {
                await copy.WriteAsync(due, NpgsqlDbType.Date, ct);
            }
            else
            {
                await copy.WriteNullAsync(ct);
            }

            await copy.WriteAsync(f.Deducted, NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(f.Version, NpgsqlDbType.Integer, ct);
        }

        await copy.CompleteAsync(ct);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? text, CancellationToken ct) =>
        text is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(text, NpgsqlDbType.Varchar, ct);
}
