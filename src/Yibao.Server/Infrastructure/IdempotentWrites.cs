using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Server.Infrastructure.Access;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Server.Infrastructure;

/// <summary>
/// Runs a mutating request exactly once per client message id (<c>X-Msg-Id</c>): the change and the
/// stored response commit in one transaction, and a repeat of the id returns the stored response
/// without running anything. Refusals change nothing and are not stored, so they can be retried.
/// </summary>
internal sealed class IdempotentWrites(YibaoDbContext db, WriteGate gate, TimeProvider clock, IOptions<JsonOptions> json, CallingInstitution calling, TifAuthentication authentication, Application.RefusalRecords refusals)
{
    public const string MessageIdHeader = "X-Msg-Id";
    public const string ReplayHeader = "X-Idempotent-Replay";
    private const int MaxMessageIdLength = 100;

    /// <summary>The native API: the message id comes from <c>X-Msg-Id</c>, the outcome becomes an HTTP result.</summary>
    public async Task<IResult> RunAsync(HttpContext http, object? request, Func<CancellationToken, Task<Reply>> work)
    {
        ArgumentNullException.ThrowIfNull(http);
        var msgId = http.Request.Headers[MessageIdHeader].ToString();
        if (string.IsNullOrWhiteSpace(msgId) || msgId.Length > MaxMessageIdLength)
        {
            return HttpErrors.MsgidRequired.With($"Every mutating request carries a client message id in the {MessageIdHeader} header (1 to {MaxMessageIdLength} characters).").ToResult();
        }

        // An institution's message ids are its own, and so are a staff member's.
        var caller = calling.Caller;
        var key = caller is not null ? $"api:{caller.FixmedinsCode}:{msgId}"
            : http.GetEndpoint()?.Metadata.GetMetadata<StaffAccess.Required>() is not null ? $"staff:{http.User.Identity?.Name}:{msgId}"
            : msgId;
        var outcome = await ExecuteAsync(key, Fingerprint($"{http.Request.Method} {http.Request.Path}", request), caller, work, null, http.RequestAborted);
        if (outcome.Error is { } error)
        {
            return error.ToResult();
        }

        if (outcome.Replayed)
        {
            http.Response.Headers[ReplayHeader] = "true";
        }

        return Results.Content(outcome.Body, "application/json", Encoding.UTF8, outcome.Status);
    }

    /// <summary>
    /// Runs <paramref name="work"/> once for <paramref name="key"/>: stores the serialized success
    /// with the change, or replays what was stored. <paramref name="serialize"/> turns a success into
    /// the stored text (default: the body as JSON). An authenticated <paramref name="caller"/>'s nonce
    /// is saved in the same batch as the stored response (a replay's commit fails on it); an outcome
    /// that stores nothing remembers it on its own, and a nonce seen before makes it a 401 refusal.
    /// </summary>
    public async Task<WriteOutcome> ExecuteAsync(string key, string fingerprint, TifCaller? caller, Func<CancellationToken, Task<Reply>> work, Func<Reply, string>? serialize, CancellationToken cancellationToken)
    {
        var outcome = await ExecuteOnceAsync(key, fingerprint, caller, work, serialize, cancellationToken);
        if (caller is null)
        {
            return outcome;
        }

        if (outcome.Error is null && !outcome.Replayed)
        {
            await authentication.ForgetExpiredNowAndThenAsync(cancellationToken);
            return outcome;
        }

        try
        {
            await authentication.RememberAsync(caller, cancellationToken);
            return outcome;
        }
        catch (AccessRefusal refusal)
        {
            return outcome with { Error = InstitutionAccess.Unauthenticated(refusal.Message) };
        }
    }

    private async Task<WriteOutcome> ExecuteOnceAsync(string key, string fingerprint, TifCaller? caller, Func<CancellationToken, Task<Reply>> work, Func<Reply, string>? serialize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);

        // No look-up first: the message id's primary key decides. A repeat runs its work again, finds
        // the id taken when it stores its response, rolls everything back and answers the original's
        // response — one round trip fewer for every first message, which is nearly all of them.
        using var entered = await gate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reply = await work(cancellationToken);
        if (reply.Error is { } error)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await refusals.FlushAsync(db, CancellationToken.None);

            // A repeat (or a retry that waited behind its original on the person's lock) is refused by
            // the state the original left, e.g. "already settled": it must get the original's response instead.
            return await FindAsync(key, CancellationToken.None) is { } original
                ? Replay(original, fingerprint)
                : new WriteOutcome(0, "", false, error);
        }

        if (caller is not null)
        {
            authentication.Keep(caller); // no round trip of its own
        }

        var body = serialize is null ? JsonSerializer.Serialize(reply.Body, json.Value.SerializerOptions) : serialize(reply);
        db.ProcessedMessages.Add(new ProcessedMessageRow
        {
            MsgId = key,
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
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(ex))
        {
            // Someone committed first: a repeat of a processed message, the same message id racing this
            // one, or a concurrent write of the same thing (a unique key, or a row's version that moved on).
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return await FindAsync(key, CancellationToken.None) is { } winner
                ? Replay(winner, fingerprint)
                : new WriteOutcome(0, "", false, ApiError.From(Application.ConcurrencyErrors.ConcurrentUpdate.With("A concurrent request changed the same data; retry with a new message id.")));
        }

        return new WriteOutcome(reply.Status, body, false, null);
    }

    /// <summary>Whether an endpoint's handler runs through the idempotent writes (and so is a write).</summary>
    public static bool IsUsedBy(System.Reflection.MethodInfo method) =>
        method?.GetParameters().Any(p => p.ParameterType == typeof(IdempotentWrites)) ?? false;

    public string Fingerprint(string operation, object? request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{operation}\n{JsonSerializer.Serialize(request, json.Value.SerializerOptions)}")));

    private Task<ProcessedMessageRow?> FindAsync(string msgId, CancellationToken cancellationToken) =>
        db.ProcessedMessages.AsNoTracking().FirstOrDefaultAsync(m => m.MsgId == msgId, cancellationToken);

    private static WriteOutcome Replay(ProcessedMessageRow processed, string fingerprint) =>
        processed.Fingerprint == fingerprint
            ? new WriteOutcome(processed.StatusCode, processed.ResponseBody, true, null)
            : new WriteOutcome(0, "", false, HttpErrors.MsgidReused.With($"Message id {processed.MsgId} was already used for a different request."));
}

/// <summary>What an idempotent write came to: the stored (or replayed) success, or a refusal.</summary>
internal sealed record WriteOutcome(int Status, string Body, bool Replayed, ApiError? Error);
