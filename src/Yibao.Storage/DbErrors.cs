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

    /// <summary>
    /// True when the database could not be reached or used at all (down, refusing connections, shutting
    /// down, the file unopenable): nothing the request did is at fault, and nothing was written.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case Npgsql.PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
                    || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) // shutting down, cannot connect now
                    || pg.SqlState == "53300": // too many connections
                    return true;
                case Npgsql.PostgresException:
                    return false;
                case Npgsql.NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException or IOException or EndOfStreamException }:
                    return true; // unreachable, dropped, or the pool's wait for a free connection timed out
                case Microsoft.Data.Sqlite.SqliteException sqlite:
                    return sqlite.SqliteErrorCode is 14 or 10 or 5 or 6; // CANTOPEN, IOERR, BUSY, LOCKED
            }
        }

        return false;
    }
}
