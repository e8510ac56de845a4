using Microsoft.EntityFrameworkCore;
using Yibao.Storage;

namespace Yibao.Server.Infrastructure;

/// <summary>
/// Which exceptions are the caller's mistake or the database's absence (one log line, no stack trace)
/// and which are faults of the platform (logged with their stack trace).
/// </summary>
internal static partial class Faults
{
    public static bool IsExpected(Exception exception) =>
        exception is BadHttpRequestException or OperationCanceledException or DbUpdateConcurrencyException || DbErrors.IsUnavailable(exception);

    /// <summary>One line: Information for a caller's mistake (ID numbers in it masked), Warning when the database is unavailable.</summary>
    public static void LogExpected(ILogger logger, HttpRequest request, string code, string detail, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (DbErrors.IsUnavailable(exception))
        {
            DatabaseUnavailable(logger, request.Method, request.Path, Innermost(exception).Message);
        }
        else
        {
            Refused(logger, request.Method, request.Path, code, Domain.Privacy.Masking.Scrub(detail));
        }
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} refused: {Code}: {Detail}")]
    private static partial void Refused(ILogger logger, string method, string path, string code, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the database is unavailable: {Reason}")]
    private static partial void DatabaseUnavailable(ILogger logger, string method, string path, string reason);
}
