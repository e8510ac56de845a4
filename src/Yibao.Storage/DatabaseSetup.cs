using Microsoft.EntityFrameworkCore;

namespace Yibao.Storage;

public static class DatabaseSetup
{
    /// <summary>
    /// Brings the schema up to date with the provider's migrations (never drops data), and sets
    /// SQLite to WAL so readers do not block the writer.
    /// </summary>
    public static async Task MigrateAsync(this YibaoDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>The context's own type says it: asking EF for the provider's name reflects over its assembly on every call.</summary>
    public static bool IsPostgres(this YibaoDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db is PostgresYibaoDbContext;
    }
}
