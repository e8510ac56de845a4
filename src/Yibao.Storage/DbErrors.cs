using Microsoft.EntityFrameworkCore;

namespace Yibao.Storage;

public static class DbErrors
{
    /// <summary>True when the save failed on a unique or primary key: someone wrote the same key first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
            Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067, // PRIMARYKEY, UNIQUE
            _ => false,
        };
    }
}
