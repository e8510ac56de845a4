using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Yibao.Domain.Codes;
using Yibao.Domain.Persons;
using Yibao.Storage;

namespace Yibao.Application.Reference;

/// <summary>
/// An import's persons, staged in temporary tables inside the import's transaction and merged into
/// the real ones with a few set-based statements: on PostgreSQL through binary <c>COPY</c>, on SQLite
/// through one prepared insert reused for every row. Nothing of the file is held in memory but the
/// registrations and filings, which are copied after the persons (one copy at a time per connection).
/// </summary>
internal abstract class PersonStaging : IAsyncDisposable
{
    private readonly List<(string PsnNo, ChronicRegistration Chronic)> _chronic = [];
    private readonly List<(string PsnNo, CrossRegionFiling Filing)> _filings = [];

    protected PersonStaging(YibaoDbContext db)
    {
        Connection = db.Database.GetDbConnection();
        Transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("staging runs inside the import's transaction");
    }

    protected DbConnection Connection { get; }

    protected DbTransaction Transaction { get; }

    protected IReadOnlyList<(string PsnNo, ChronicRegistration Chronic)> Chronic => _chronic;

    protected IReadOnlyList<(string PsnNo, CrossRegionFiling Filing)> Filings => _filings;

    public static async Task<PersonStaging> CreateAsync(YibaoDbContext db, CancellationToken ct)
    {
        PersonStaging staging = db.IsPostgres() ? new PostgresStaging(db) : new SqliteStaging(db);
        await staging.ExecuteAsync(staging.CreateTablesSql, ct);
        await staging.StartAsync(ct);
        return staging;
    }

    public async Task AddAsync(long line, Person person, CancellationToken ct)
    {
        _chronic.AddRange(person.Chronic.Select(c => (person.PsnNo, c)));
        _filings.AddRange(person.Filings.Select(f => (person.PsnNo, f)));
        await AddPersonAsync(line, person, ct);
    }

    /// <summary>The persons are staged; the registrations and filings follow.</summary>
    public abstract Task CompleteAsync(CancellationToken ct);

    /// <summary>Staged records whose ID number already belongs to another person.</summary>
    public async Task<IReadOnlyList<(long Line, string Certno)>> CertnosOfOthersAsync(int limit, CancellationToken ct)
    {
        await using var command = Command($"SELECT s.line, s.certno FROM import_persons s JOIN persons p ON p.certno = s.certno AND p.psn_no <> s.psn_no ORDER BY s.line LIMIT {limit}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<(long, string)>();
        while (await reader.ReadAsync(ct))
        {
            found.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return found;
    }

    /// <summary>Writes the staged persons into the real tables; answers how many.</summary>
    public async Task<long> MergeAsync(bool replaceRegistrations, CancellationToken ct)
    {
        await ExecuteAsync("DELETE FROM import_persons WHERE EXISTS (SELECT 1 FROM persons p WHERE p.certno = import_persons.certno AND p.psn_no <> import_persons.psn_no)", ct);
        await AnalyzeAsync(ct);
        await ExecuteAsync("""
            INSERT INTO persons (psn_no, name, gender, birthday, certno, insutype, area, retired, naty, card_sn)
            SELECT psn_no, name, gender, birthday, certno, insutype, area, retired, naty, card_sn FROM import_persons WHERE 1 = 1
            ON CONFLICT (psn_no) DO UPDATE SET name = excluded.name, gender = excluded.gender, birthday = excluded.birthday,
                certno = excluded.certno, insutype = excluded.insutype, area = excluded.area, retired = excluded.retired, naty = excluded.naty, card_sn = excluded.card_sn
            """, ct);
        await ExecuteAsync("INSERT INTO personal_accounts (psn_no, balance) SELECT psn_no, balance FROM import_persons WHERE 1 = 1 ON CONFLICT (psn_no) DO NOTHING", ct);
        if (replaceRegistrations)
        {
            await ExecuteAsync("DELETE FROM chronic_registrations WHERE psn_no IN (SELECT psn_no FROM import_persons)", ct);
            await ExecuteAsync("""INSERT INTO chronic_registrations (psn_no, disease, name, "from") SELECT psn_no, disease, name, "from" FROM import_chronic WHERE psn_no IN (SELECT psn_no FROM import_persons)""", ct);
            await ExecuteAsync("DELETE FROM filings WHERE psn_no IN (SELECT psn_no FROM import_persons)", ct);
            await ExecuteAsync("""INSERT INTO filings (psn_no, type, reason, to_area, "from", "to") SELECT psn_no, type, reason, to_area, "from", "to" FROM import_filings WHERE psn_no IN (SELECT psn_no FROM import_persons)""", ct);
        }

        await using var count = Command("SELECT COUNT(*) FROM import_persons");
        return Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected abstract string CreateTablesSql { get; }

    protected virtual Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    protected abstract Task AddPersonAsync(long line, Person person, CancellationToken ct);

    protected virtual Task AnalyzeAsync(CancellationToken ct) => Task.CompletedTask;

    protected DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    protected async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    protected static string FilingType(CrossRegionFiling filing) => filing.Type.ToName();

    private sealed class PostgresStaging(YibaoDbContext db) : PersonStaging(db)
    {
        private NpgsqlBinaryImporter? _persons;

        protected override string CreateTablesSql => """
            CREATE TEMP TABLE import_persons (line bigint, psn_no text, name text, gender text, birthday date, certno text, insutype text, area text, retired boolean, balance numeric, naty text, card_sn text) ON COMMIT DROP;
            CREATE TEMP TABLE import_chronic (psn_no text, disease text, name text, "from" date) ON COMMIT DROP;
            CREATE TEMP TABLE import_filings (psn_no text, type text, reason text, to_area text, "from" date, "to" date) ON COMMIT DROP;
            """;

        private NpgsqlConnection Npgsql => (NpgsqlConnection)Connection;

        protected override async Task StartAsync(CancellationToken ct) =>
            _persons = await Npgsql.BeginBinaryImportAsync("COPY import_persons (line, psn_no, name, gender, birthday, certno, insutype, area, retired, balance, naty, card_sn) FROM STDIN (FORMAT BINARY)", ct);

        protected override async Task AddPersonAsync(long line, Person person, CancellationToken ct)
        {
            var copy = _persons!;
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(line, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(person.PsnNo, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(person.Name, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(person.Gender, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(person.Birthday, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(person.Certno, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(person.Insutype, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(person.Area, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(person.Retired, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(person.AccountBalance, NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(person.Naty, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(person.CardSn, NpgsqlDbType.Text, ct);
        }

        public override async Task CompleteAsync(CancellationToken ct)
        {
            await _persons!.CompleteAsync(ct);
            await _persons.DisposeAsync();
            _persons = null;
            await using (var chronic = await Npgsql.BeginBinaryImportAsync("""COPY import_chronic (psn_no, disease, name, "from") FROM STDIN (FORMAT BINARY)""", ct))
            {
                foreach (var (psnNo, c) in Chronic)
                {
                    await chronic.WriteRowAsync(ct, psnNo, c.Disease, c.Name, c.From);
                }

                await chronic.CompleteAsync(ct);
            }

            await using var filings = await Npgsql.BeginBinaryImportAsync("""COPY import_filings (psn_no, type, reason, to_area, "from", "to") FROM STDIN (FORMAT BINARY)""", ct);
            foreach (var (psnNo, f) in Filings)
            {
                await filings.StartRowAsync(ct);
                await filings.WriteAsync(psnNo, NpgsqlDbType.Text, ct);
                await filings.WriteAsync(FilingType(f), NpgsqlDbType.Text, ct);
                await filings.WriteAsync(f.Reason, NpgsqlDbType.Text, ct);
                await filings.WriteAsync(f.ToArea, NpgsqlDbType.Text, ct);
                await filings.WriteAsync(f.From, NpgsqlDbType.Date, ct);
                if (f.To is { } to)
                {
                    await filings.WriteAsync(to, NpgsqlDbType.Date, ct);
                }
                else
                {
                    await filings.WriteNullAsync(ct);
                }
            }

            await filings.CompleteAsync(ct);
        }

        protected override Task AnalyzeAsync(CancellationToken ct) => ExecuteAsync("ANALYZE import_persons", ct);

        public override async ValueTask DisposeAsync()
        {
            if (_persons is not null)
            {
                await _persons.DisposeAsync(); // an import abandoned mid-copy: the transaction rolls back
            }
        }
    }

    private sealed class SqliteStaging(YibaoDbContext db) : PersonStaging(db)
    {
        private DbCommand? _insert;

        // A pooled SQLite connection keeps its temporary tables after the transaction: any left by an
        // earlier import on this connection go first.
        protected override string CreateTablesSql => """
            DROP TABLE IF EXISTS temp.import_persons; DROP TABLE IF EXISTS temp.import_chronic; DROP TABLE IF EXISTS temp.import_filings;
            CREATE TEMP TABLE import_persons (line INTEGER, psn_no TEXT, name TEXT, gender TEXT, birthday TEXT, certno TEXT, insutype TEXT, area TEXT, retired INTEGER, balance TEXT, naty TEXT, card_sn TEXT);
            CREATE TEMP TABLE import_chronic (psn_no TEXT, disease TEXT, name TEXT, "from" TEXT);
            CREATE TEMP TABLE import_filings (psn_no TEXT, type TEXT, reason TEXT, to_area TEXT, "from" TEXT, "to" TEXT);
            """;

        protected override Task StartAsync(CancellationToken ct)
        {
            _insert = Prepared("import_persons", "line", "psn_no", "name", "gender", "birthday", "certno", "insutype", "area", "retired", "balance", "naty", "card_sn");
            return Task.CompletedTask;
        }

        protected override async Task AddPersonAsync(long line, Person person, CancellationToken ct) =>
            await RunAsync(_insert!, ct, line, person.PsnNo, person.Name, person.Gender, Date(person.Birthday), person.Certno, person.Insutype, person.Area, person.Retired ? 1 : 0, Amount(person.AccountBalance), (object?)person.Naty ?? DBNull.Value, (object?)person.CardSn ?? DBNull.Value);

        public override async Task CompleteAsync(CancellationToken ct)
        {
            await using var chronic = Prepared("import_chronic", "psn_no", "disease", "name", "\"from\"");
            foreach (var (psnNo, c) in Chronic)
            {
                await RunAsync(chronic, ct, psnNo, c.Disease, c.Name, Date(c.From));
            }

            await using var filings = Prepared("import_filings", "psn_no", "type", "reason", "to_area", "\"from\"", "\"to\"");
            foreach (var (psnNo, f) in Filings)
            {
                await RunAsync(filings, ct, psnNo, FilingType(f), f.Reason, f.ToArea, Date(f.From), f.To is { } to ? Date(to) : DBNull.Value);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            if (_insert is not null)
            {
                await _insert.DisposeAsync();
            }

            // Temporary tables outlive a SQLite transaction: drop them (a rolled-back import's too).
            if (Connection.State == System.Data.ConnectionState.Open)
            {
                await using var drop = Connection.CreateCommand();
                drop.CommandText = "DROP TABLE IF EXISTS temp.import_persons; DROP TABLE IF EXISTS temp.import_chronic; DROP TABLE IF EXISTS temp.import_filings;";
                await drop.ExecuteNonQueryAsync();
            }
        }

        private DbCommand Prepared(string table, params string[] columns)
        {
            var command = Command($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})");
            for (var i = 0; i < columns.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"$p{i}";
                command.Parameters.Add(parameter);
            }

            command.Prepare();
            return command;
        }

        private static async Task RunAsync(DbCommand command, CancellationToken ct, params object[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            await command.ExecuteNonQueryAsync(ct);
        }

        // As EF Core's SQLite provider stores them, so that the rows read back exactly.
        private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string Amount(decimal amount) => amount.ToString("0.0###########################", CultureInfo.InvariantCulture);
    }
}
