using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Server.Infrastructure;

/// <summary>
/// Runs a mutating request exactly once per client message id (<c>X-Msg-Id</c>): the change and the
/// stored response commit in one transaction, and a repeat of the id returns the stored response
/// without running anything. Refusals change nothing and are not stored, so they can be retried.
/// </summary>
internal sealed class IdempotentWrites(YibaoDbContext db, WriteGate gate, TimeProvider clock, IOptions<JsonOptions> json)
{
    public const string MessageIdHeader = "X-Msg-Id";
    public const string ReplayHeader = "X-Idempotent-Replay";
    private const int MaxMessageIdLength = 100;

    public async Task<IResult> RunAsync(HttpContext http, object? request, Func<CancellationToken, Task<Reply>> work)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(work);
        var cancellationToken = http.RequestAborted;
        var msgId = http.Request.Headers[MessageIdHeader].ToString();
        if (string.IsNullOrWhiteSpace(msgId) || msgId.Length > MaxMessageIdLength)
        {
            return new ApiError(400, "msgid_required", $"Every mutating request carries a client message id in the {MessageIdHeader} header (1 to {MaxMessageIdLength} characters).").ToResult();
        }

        var fingerprint = Fingerprint(http, request);
        using var entered = await gate.EnterAsync(db, cancellationToken);
        if (await FindAsync(msgId, cancellationToken) is { } processed)
        {
            return Replay(http, processed, fingerprint);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reply = await work(cancellationToken);
        if (reply.Error is { } error)
        {
            await transaction.RollbackAsync(cancellationToken);

            // A retry that waited behind its original (on the person's lock) is refused by the state
            // the original left, e.g. "already settled": it must get the original's response instead.
            return await FindAsync(msgId, CancellationToken.None) is { } original
                ? Replay(http, original, fingerprint)
                : error.ToResult();
        }

        var body = JsonSerializer.Serialize(reply.Body, json.Value.SerializerOptions);
        db.ProcessedMessages.Add(new ProcessedMessageRow
        {
            MsgId = msgId,
            Fingerprint = fingerprint,
            StatusCode = reply.Status,
            ResponseBody = body,
            ProcessedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Someone committed first: the same message id racing this one, or a concurrent write of the same thing.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return await FindAsync(msgId, CancellationToken.None) is { } winner
                ? Replay(http, winner, fingerprint)
                : ApiError.Conflict("concurrent_update", "A concurrent request changed the same data; retry with a new message id.").ToResult();
        }

        return Results.Content(body, "application/json", Encoding.UTF8, reply.Status);
    }

    private Task<ProcessedMessageRow?> FindAsync(string msgId, CancellationToken cancellationToken) =>
        db.ProcessedMessages.AsNoTracking().FirstOrDefaultAsync(m => m.MsgId == msgId, cancellationToken);

    private static IResult Replay(HttpContext http, ProcessedMessageRow processed, string fingerprint)
    {
        if (processed.Fingerprint != fingerprint)
        {
            return ApiError.Conflict("msgid_reused", $"Message id {processed.MsgId} was already used for a different request.").ToResult();
        }

        http.Response.Headers[ReplayHeader] = "true";
        return Results.Content(processed.ResponseBody, "application/json", Encoding.UTF8, processed.StatusCode);
    }

    private string Fingerprint(HttpContext http, object? request)
    {
        var text = $"{http.Request.Method} {http.Request.Path}\n{JsonSerializer.Serialize(request, json.Value.SerializerOptions)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        _ => false,
    };
}
