using Microsoft.EntityFrameworkCore;

namespace Yibao.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database to use, chosen by the connection string: one that names a <c>Host=</c> is
/// PostgreSQL; anything else is a SQLite <c>Data Source=</c>; nothing is the SQLite file
/// <see cref="DefaultSqliteFileName"/> in the installation's data directory.
/// </summary>
public sealed record StorageOptions(DatabaseProvider Provider, string ConnectionString)
{
    private Func<YibaoDbContext>? _pool;

    /// <summary>Interceptors every context of these options gets (e.g. <see cref="DbRoundTrips"/>).</summary>
    public IReadOnlyList<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor> Interceptors { get; init; } = [];

    /// <summary>What the process has heard of the reference revision moving and of sign-outs; each context tells it of its own reference writes as they commit.</summary>
    public ChangeSignals Signals { get; init; } = new();

    public const string DefaultSqliteFileName = "yibao.db";

    /// <param name="dataDirectory">Where the default SQLite file lives when no connection string is given.</param>
    public static StorageOptions FromConnectionString(string? connectionString, string? dataDirectory = null)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
            var path = Path.Combine(Path.GetFullPath(dataDirectory), DefaultSqliteFileName);
            return new StorageOptions(DatabaseProvider.Sqlite, $"Data Source={path}");
        }

        return connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? new StorageOptions(DatabaseProvider.Postgres, connectionString)
            : new StorageOptions(DatabaseProvider.Sqlite, connectionString);
    }

    /// <summary>
    /// A context of the provider's own type, so that the provider's migration set applies, from a pool:
    /// a request's context is a reset one, not a new one (a new context built its 60-odd sets and
    /// EF's internal services every time). Disposing it returns it.
    /// </summary>
    public YibaoDbContext CreateContext()
    {
        var context = LazyInitializer.EnsureInitialized(ref _pool, () =>
        {
            Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors = [.. Interceptors, new CommittedChanges(Signals)];
            return Provider == DatabaseProvider.Postgres
                ? Pooled(new DbContextOptionsBuilder<PostgresYibaoDbContext>().UsePostgres(ConnectionString).AddInterceptors(interceptors).Options)
                : Pooled(new DbContextOptionsBuilder<SqliteYibaoDbContext>().UseSqliteFile(ConnectionString).AddInterceptors(interceptors).Options);
        })();
        context.Clock = TimeProvider.System; // a pooled context keeps what its last user set
        return context;
    }

    private static Func<YibaoDbContext> Pooled<TContext>(DbContextOptions<TContext> options)
        where TContext : YibaoDbContext => new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<TContext>(options).CreateDbContext;

    /// <summary>The database named for people: the SQLite file's full path, or PostgreSQL's host, port and database (never a password).</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return $"SQLite {SqliteFile}";
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    /// <summary>The SQLite file's full path (SQLite only).</summary>
    public string SqliteFile => Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource);

    /// <summary>Creates the folder of a SQLite file so a fresh machine needs no setup.</summary>
    public void EnsureDirectory()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}

public static class ProviderOptions
{
    public static TBuilder UsePostgres<TBuilder>(this TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseNpgsql(WithPoolDefaults(connectionString), o => o.MigrationsHistoryTable("__ef_migrations_history")).UseSnakeCaseNamingConvention();
        return builder;
    }

    /// <summary>
    /// Npgsql's defaults parse and plan every statement afresh and send <c>DISCARD ALL</c> whenever a
    /// pooled connection is reused; on the settlement path that cost PostgreSQL more CPU than the
    /// statements themselves. Unless the connection string says otherwise, the statements a request
    /// repeats are prepared once per connection, and nothing is reset: Yibao sets no session state
    /// (its locks are transaction-scoped).
    /// </summary>
    internal static string WithPoolDefaults(string connectionString)
    {
        // The keywords as written, however spaced or cased ("MaxAutoPrepare", "max auto prepare"): Npgsql's
        // own builder answers ContainsKey for every keyword it knows, set or not.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 100;
        }

        if (!given.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public static TBuilder UseSqliteFile<TBuilder>(this TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).UseSnakeCaseNamingConvention();
        return builder;
    }
}
