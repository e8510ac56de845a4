using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Persons;

/// <summary>Who reads a person's record, and through which door: what the access record says.</summary>
/// <param name="Kind"><c>institution</c> or <c>staff</c>.</param>
/// <param name="Actor">The institution's code, or the staff member's user name.</param>
/// <param name="Door"><c>native</c>, <c>gateway</c>, <c>admin</c> or <c>console</c>.</param>
public sealed record PersonReader(string Kind, string Actor, string Door)
{
    public static PersonReader Institution(string fixmedinsCode, string door) => new("institution", fixmedinsCode, door);

    public static PersonReader Staff(string userName, string door) => new("staff", userName, door);
}

/// <summary>Every read of a person's record leaves an access record, in the unit of work of the read.</summary>
internal static class PersonReads
{
    /// <summary>
    /// Stages the record; inside a door's transaction it commits with the answer (a refused read
    /// records nothing), otherwise it is saved at once.
    /// </summary>
    public static async Task RecordAsync(YibaoDbContext db, WriteGate gate, PersonReader reader, string psnNo, string purpose, DateTimeOffset at, CancellationToken ct)
    {
        db.PersonAccessRecords.Add(new PersonAccessRow { At = at, ActorKind = reader.Kind, Actor = reader.Actor, PsnNo = psnNo, Door = reader.Door, Purpose = purpose });
        if (db.Database.CurrentTransaction is null)
        {
            using var entered = await gate.EnterAsync(db, ct);
            await db.SaveChangesAsync(ct);
        }
    }
}
