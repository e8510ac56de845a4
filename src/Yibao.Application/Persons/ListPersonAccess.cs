using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Persons;
using Yibao.Storage;

namespace Yibao.Application.Persons;

/// <summary>
/// Who read personal data: the access records of one person, or of one reader, newest first, a page
/// at a time (keyset on the record's id: <paramref name="Before"/> is the last id of the previous page).
/// </summary>
public sealed record ListPersonAccess(string? PsnNo, string? Actor, DateTimeOffset? From, DateTimeOffset? To, long? Before, int Limit = 100);

public sealed record PersonAccessRecord(long Id, DateTimeOffset At, string ActorKind, string Actor, string PsnNo, string Door, string Purpose);

public sealed class ListPersonAccessHandler(YibaoDbContext db)
{
    public const int MaxLimit = 1000;

    public async Task<Result<IReadOnlyList<PersonAccessRecord>>> HandleAsync(ListPersonAccess command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.PsnNo) && string.IsNullOrWhiteSpace(command.Actor))
        {
            return PersonErrors.AccessQueryInvalid.With("Name the person (psn_no) or the reader (actor) whose access records to list.");
        }

        if (command.Limit is < 1 or > MaxLimit)
        {
            return PersonErrors.AccessQueryInvalid.With($"limit is 1..{MaxLimit}.");
        }

        var records = db.PersonAccessRecords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(command.PsnNo))
        {
            records = records.Where(r => r.PsnNo == command.PsnNo);
        }

        if (!string.IsNullOrWhiteSpace(command.Actor))
        {
            records = records.Where(r => r.Actor == command.Actor);
        }

        if (command.From is { } from)
        {
            records = records.Where(r => r.At >= from);
        }

        if (command.To is { } to)
        {
            records = records.Where(r => r.At < to);
        }

        if (command.Before is { } before)
        {
            records = records.Where(r => r.Id < before);
        }

        return await records.OrderByDescending(r => r.Id).Take(command.Limit)
            .Select(r => new PersonAccessRecord(r.Id, r.At, r.ActorKind, r.Actor, r.PsnNo, r.Door, r.Purpose))
            .ToListAsync(ct);
    }
}
