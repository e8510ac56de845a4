using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Domain.Persons;
using Yibao.Storage;

namespace Yibao.Application.Reference;

/// <summary>
/// Loads or replaces persons at population scale, streamed: every record is checked, and unless
/// <paramref name="SkipBad"/> is set, one bad record means nothing is imported. The whole import is
/// one transaction (the caller's, when it runs inside one). A new person opens an account with the record's balance; an existing account
/// keeps its balance, which only settlements move.
/// </summary>
/// <param name="ReplaceRegistrations">The records carry chronic registrations and filings (JSON), which replace the persons' own; CSV records carry none and leave them as they are.</param>
/// <param name="Progress">Told the number of records read, now and then.</param>
public sealed record ImportPersons(IAsyncEnumerable<PersonRecord> Records, bool ReplaceRegistrations, bool SkipBad, string Actor, IProgress<long>? Progress = null);

/// <summary>What an import did: the persons written and the records left out, with why (at most <see cref="ImportPersonsHandler.MaxReported"/> listed).</summary>
public sealed record ImportReport(long Imported, long Skipped, IReadOnlyList<PersonRecord> Bad);

public sealed class ImportPersonsHandler(YibaoDbContext db, WriteGate gate, TimeProvider clock)
{
    public const int MaxReported = 100;

    public async Task<Result<ImportReport>> HandleAsync(ImportPersons command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);

        // Inside a caller's unit of work (an idempotent admin request, the demo seed) the import is part
        // of it: the caller holds the write gate and commits; its pending changes are flushed first.
        var ambient = db.Database.CurrentTransaction is not null;
        if (ambient)
        {
            await db.SaveChangesAsync(ct);
        }

        using var entered = ambient ? null : await gate.EnterAsync(db, ct);
        await using var transaction = ambient ? null : await db.Database.BeginTransactionAsync(ct);
        var areas = (await db.Areas.AsNoTracking().Select(a => a.Admdvs).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        await using var staging = await PersonStaging.CreateAsync(db, ct);

        var bad = new List<PersonRecord>();
        long skipped = 0, read = 0;
        var psnNos = new HashSet<string>(StringComparer.Ordinal);
        var certnos = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in command.Records.WithCancellation(ct))
        {
            if (++read % 10_000 == 0)
            {
                command.Progress?.Report(read);
            }

            var error = record.Error ?? Check(record.Person!, areas, psnNos, certnos);
            if (error is not null)
            {
                skipped++;
                if (bad.Count < MaxReported)
                {
                    bad.Add(record with { Person = null, Error = error });
                }

                continue;
            }

            await staging.AddAsync(record.Line, record.Person!, ct);
        }

        command.Progress?.Report(read);
        await staging.CompleteAsync(ct);
        foreach (var (line, certno) in await staging.CertnosOfOthersAsync(MaxReported, ct))
        {
            skipped++;
            if (bad.Count < MaxReported)
            {
                bad.Add(new PersonRecord(line, null, $"ID number {Domain.Privacy.Masking.IdNumber(certno)} belongs to another person"));
            }
        }

        if (skipped > 0 && !command.SkipBad)
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }

            return ReferenceErrors.ImportRejectedCode.With(
                $"{skipped} of {read} records are bad, so nothing was imported: {string.Join("; ", bad.Take(20).Select(b => $"line {b.Line}: {b.Error}"))}{(skipped > 20 ? "; …" : "")}");
        }

        var imported = await staging.MergeAsync(command.ReplaceRegistrations, ct);
        db.Record(clock.GetUtcNow(), command.Actor, "person.import", "person", "*", $"{imported} persons imported, {skipped} records skipped");
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return new ImportReport(imported, skipped, bad);
    }

    /// <summary>What one record cannot be that a record check alone does not see: a repeat within the file, or an unknown area.</summary>
    private static string? Check(Person person, HashSet<string> areas, HashSet<string> psnNos, HashSet<string> certnos)
    {
        if (!areas.Contains(person.Area))
        {
            return $"area {person.Area} is not registered";
        }

        if (person.Filings.FirstOrDefault(f => !Areas.IsValidCode(f.ToArea)) is { } filing)
        {
            return $"a filing names area '{filing.ToArea}', not a 6-digit code";
        }

        if (!psnNos.Add(person.PsnNo))
        {
            return $"psn_no {person.PsnNo} appears twice in the file";
        }

        return certnos.Add(person.Certno) ? null : $"ID number {Domain.Privacy.Masking.IdNumber(person.Certno)} appears twice in the file";
    }
}
