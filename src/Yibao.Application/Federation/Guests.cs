using Microsoft.EntityFrameworkCore;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Federation;

/// <summary>
/// People insured on other nodes, as this treatment node keeps them: a copy of the record their node
/// showed (no account: their ledger stays there), so that visits, checks and settlements here name
/// them as they name anyone. The copy is taken when a person is first looked up, and refreshed on
/// each lookup; the insured node judges filings again at settlement, so an old copy settles right.
/// </summary>
public sealed class Guests(YibaoDbContext db, WriteGate gate, InsuredNodes nodes)
{
    /// <summary>
    /// On a node, fetches the person the query names from their node when this node does not insure
    /// them (<paramref name="area"/> if known; a person it does not know at all is looked for
    /// everywhere), and keeps the copy. Does nothing in a single process or for this node's own people.
    /// A node that cannot be reached leaves the copy as it was, and the caller finds what there is;
    /// with no copy, that failure is the answer (a person not found would be a wrong one).
    /// </summary>
    public async Task<Domain.DomainError?> RefreshAsync(PersonQuery query, string? area, bool always, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!nodes.Federated || area is not null && !nodes.IsElsewhere(area))
        {
            return null;
        }

        var persons = db.Persons.AsNoTracking();
        var known = await (string.IsNullOrWhiteSpace(query.PsnNo) ? persons.Where(p => p.Certno == query.Certno) : persons.Where(p => p.PsnNo == query.PsnNo))
            .Select(p => new { p.PsnNo, p.Area }).FirstOrDefaultAsync(ct);
        if (known is not null && (!nodes.IsElsewhere(known.Area) || !always))
        {
            return null;
        }

        var found = await nodes.FindPersonAsync(query, area ?? known?.Area, ct);
        if (found.IsSuccess && nodes.IsElsewhere(found.Value.Area))
        {
            await KeepAsync(found.Value, ct);
        }

        return !found.IsSuccess && known is null && found.Error.Kind != Domain.ErrorKind.NotFound ? found.Error : null;
    }

    /// <summary>Keeps the copy of a person their node showed (in the open transaction, if any).</summary>
    public async Task KeepAsync(RemotePerson person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (db.Database.CurrentTransaction is not null)
        {
            await WriteAsync(person, ct);
            return;
        }

        using var entered = await gate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await WriteAsync(person, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The copy written over the last one. Two first visits of the same guest at once both find no
    /// copy: the row is created if missing (on PostgreSQL the second waits for the first, then finds it)
    /// and locked, so one writes after the other.
    /// </summary>
    private async Task WriteAsync(RemotePerson person, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO persons (psn_no, name, gender, birthday, certno, insutype, area, retired) VALUES ({person.PsnNo}, {person.Name}, {person.Gender}, {person.Birthday}, {person.Certno}, {person.Insutype}, {person.Area}, {person.Retired}) ON CONFLICT DO NOTHING", ct);
        if (db.IsPostgres())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM persons WHERE psn_no = {person.PsnNo} FOR UPDATE", ct);
        }

        var row = await db.Persons.Include(p => p.Chronic).Include(p => p.Filings).FirstAsync(p => p.PsnNo == person.PsnNo, ct);
        (row.Name, row.Gender, row.Birthday, row.Certno, row.Insutype, row.Area, row.Retired, row.Naty, row.CardSn) =
            (person.Name, person.Gender, person.Birthday, person.Certno, person.Insutype, person.Area, person.Retired, person.Naty, person.CardSn);
        db.ChronicRegistrations.RemoveRange(row.Chronic);
        db.Filings.RemoveRange(row.Filings);
        row.Chronic = [.. person.Chronic.Select(c => new ChronicRegistrationRow { PsnNo = person.PsnNo, Disease = c.Disease, Name = c.Name, From = c.From })];
        row.Filings = [.. person.Filings.Select(f => new FilingRow { PsnNo = person.PsnNo, Type = f.Type, Reason = f.Reason, ToArea = f.ToArea, From = f.From, To = f.To })];
        await db.SaveChangesAsync(ct);

        // The copy is read again as any person is (untracked): this one is let go, and nothing else the unit of work holds.
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity == row || e.Entity is ChronicRegistrationRow c && c.PsnNo == row.PsnNo || e.Entity is FilingRow f && f.PsnNo == row.PsnNo).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }
}
