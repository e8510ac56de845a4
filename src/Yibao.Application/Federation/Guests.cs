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
    /// A node that cannot be reached leaves the copy as it was: the caller finds what there is.
    /// </summary>
    public async Task RefreshAsync(PersonQuery query, string? area, bool always, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!nodes.Federated || area is not null && !nodes.IsElsewhere(area))
        {
            return;
        }

        var known = await db.Persons.AsNoTracking()
            .Where(p => !string.IsNullOrWhiteSpace(query.PsnNo) ? p.PsnNo == query.PsnNo : p.Certno == query.Certno)
            .Select(p => new { p.PsnNo, p.Area }).FirstOrDefaultAsync(ct);
        if (known is not null && (!nodes.IsElsewhere(known.Area) || !always))
        {
            return;
        }

        var found = await nodes.FindPersonAsync(query, area ?? known?.Area, ct);
        if (found.IsSuccess && nodes.IsElsewhere(found.Value.Area))
        {
            await KeepAsync(found.Value, ct);
        }
    }

    private async Task KeepAsync(RemotePerson person, CancellationToken ct)
    {
        var row = await db.Persons.Include(p => p.Chronic).Include(p => p.Filings).FirstOrDefaultAsync(p => p.PsnNo == person.PsnNo, ct);
        if (row is null)
        {
            row = new PersonRow { PsnNo = person.PsnNo, Name = "", Gender = "", Certno = "", Insutype = "", Area = "" };
            db.Persons.Add(row);
        }

        (row.Name, row.Gender, row.Birthday, row.Certno, row.Insutype, row.Area, row.Retired, row.Naty, row.CardSn) =
            (person.Name, person.Gender, person.Birthday, person.Certno, person.Insutype, person.Area, person.Retired, person.Naty, person.CardSn);
        db.ChronicRegistrations.RemoveRange(row.Chronic);
        db.Filings.RemoveRange(row.Filings);
        row.Chronic = [.. person.Chronic.Select(c => new ChronicRegistrationRow { PsnNo = person.PsnNo, Disease = c.Disease, Name = c.Name, From = c.From })];
        row.Filings = [.. person.Filings.Select(f => new FilingRow { PsnNo = person.PsnNo, Type = f.Type, Reason = f.Reason, ToArea = f.ToArea, From = f.From, To = f.To })];
        if (db.Database.CurrentTransaction is null)
        {
            using var entered = await gate.EnterAsync(db, ct);
            await db.SaveChangesAsync(ct);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }

        // The copy is read again as any person is (untracked): this one is let go, and nothing else the unit of work holds.
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity == row || e.Entity is ChronicRegistrationRow c && c.PsnNo == row.PsnNo || e.Entity is FilingRow f && f.PsnNo == row.PsnNo).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }
}
