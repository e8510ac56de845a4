using Npgsql;
using NpgsqlTypes;

namespace Yibao.Bench.Floor;

/// <summary>
/// pgbench's flow (<c>shared/bench/pgbench/flow.sql</c>) as a .NET program would write it at the
/// least: the same tables and statements, three transactions, raw Npgsql with prepared statements,
/// the settlement's five writes in one batch. Whatever Yibao spends beyond this is its own.
/// </summary>
internal sealed class FlowSql(NpgsqlDataSource db) : IFlow
{
    private const string Fixmedins = "H33010000001";

    public async Task<long> RegisterAsync(long psnNo, string msgId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var visit = Command(connection,
            "INSERT INTO visit (psn_no, fixmedins, med_type, channel, status, msgid) VALUES ($1, $2, '11', 'offline', 'registered', $3) RETURNING mdtrt_id",
            psnNo, Fixmedins, msgId);
        var mdtrtId = (long)(await visit.ExecuteScalarAsync(ct))!;
        await using var audit = Command(connection, "INSERT INTO audit (actor, action, ref) VALUES ($1, 'register', $2)", Fixmedins, mdtrtId);
        await audit.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return mdtrtId;
    }

    public async Task UploadAsync(long mdtrtId, IReadOnlyList<FeeLine> lines, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var insert = Command(connection,
            "INSERT INTO fee_line SELECT $1, l.* , 0, 0, 0, l.amount FROM unnest($2::int[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[]) AS l(sn, code, price, qty, amount)",
            mdtrtId, lines.Select(l => l.Sn).ToArray(), lines.Select(l => l.Code).ToArray(), lines.Select(l => l.Price).ToArray(),
            lines.Select(l => l.Qty).ToArray(), lines.Select(l => l.Amount).ToArray());
        await insert.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<Settled?> SettleAsync(long mdtrtId, string msgId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var lockRead = Command(connection,
            "SELECT v.psn_no, a.balance, c.fund_paid FROM visit v JOIN account a ON a.psn_no = v.psn_no " +
            "JOIN accumulator c ON c.psn_no = v.psn_no AND c.year = 2026 AND c.kind = 'outpatient' WHERE v.mdtrt_id = $1 FOR UPDATE OF a, c",
            mdtrtId);
        long psnNo;
        decimal balance;
        await using (var reader = await lockRead.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            (psnNo, balance) = (reader.GetInt64(0), reader.GetDecimal(1));
        }

        await using var sums = Command(connection, "SELECT coalesce(sum(amount), 0), coalesce(sum(inscp), 0) FROM fee_line WHERE mdtrt_id = $1", mdtrtId);
        decimal medfee, inscp;
        await using (var reader = await sums.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (medfee, inscp) = (reader.GetDecimal(0), reader.GetDecimal(1));
        }

        var hifp = Math.Round(inscp * 0.7m, 2, MidpointRounding.AwayFromZero);
        var acct = Math.Min(balance, medfee - hifp);
        var settled = new Settled(mdtrtId, psnNo, medfee, inscp, hifp, acct, medfee - hifp - acct);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                BatchCommand("INSERT INTO settlement (mdtrt_id, psn_no, msgid, medfee, inscp, dedc, hifp, acct, cash, response) VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9)",
                    mdtrtId, psnNo, msgId, medfee, inscp, hifp, acct, settled.Cash, new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = settled.ToJson() }),
                BatchCommand("UPDATE accumulator SET fund_paid = fund_paid + $1 WHERE psn_no = $2 AND year = 2026 AND kind = 'outpatient'", hifp, psnNo),
                BatchCommand("UPDATE account SET balance = balance - $1 WHERE psn_no = $2", acct, psnNo),
                BatchCommand("UPDATE visit SET status = 'settled' WHERE mdtrt_id = $1", mdtrtId),
                BatchCommand("INSERT INTO audit (actor, action, ref) VALUES ($1, 'settle', $2)", Fixmedins, mdtrtId),
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return settled;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] values) =>
        WithValues(new NpgsqlCommand(sql, connection), command => command.Parameters, values);

    private static NpgsqlBatchCommand BatchCommand(string sql, params object[] values) =>
        WithValues(new NpgsqlBatchCommand(sql), command => command.Parameters, values);

    /// <summary>The values as positional parameters ($1, $2, …); a value that is a parameter already is taken as it is.</summary>
    private static T WithValues<T>(T command, Func<T, NpgsqlParameterCollection> parameters, object[] values)
    {
        foreach (var value in values)
        {
            parameters(command).Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return command;
    }
}

/// <summary>One settlement flow's three units of work.</summary>
internal interface IFlow
{
    Task<long> RegisterAsync(long psnNo, string msgId, CancellationToken ct);

    Task UploadAsync(long mdtrtId, IReadOnlyList<FeeLine> lines, CancellationToken ct);

    Task<Settled?> SettleAsync(long mdtrtId, string msgId, CancellationToken ct);
}

internal sealed record FeeLine(int Sn, string Code, decimal Price, decimal Qty, decimal Amount);

internal sealed record Settled(long MdtrtId, long PsnNo, decimal Medfee, decimal Inscp, decimal Hifp, decimal Acct, decimal Cash)
{
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, FloorJson.Options);
}
