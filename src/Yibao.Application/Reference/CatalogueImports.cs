using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Interchange;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Reference;

/// <summary>
/// Queues a catalogue file for import in the background: kept with the queued import until the
/// runner (<see cref="RunCatalogueImportHandler"/>) reads it, with progress, and publishes it
/// through the same use case as the CLI and the admin API.
/// </summary>
public sealed record StartCatalogueImport(string Area, string FileName, byte[] Content, bool SkipBad, string Actor)
{
    /// <summary>The largest file the console takes (the national drug catalogue is a few megabytes; the server takes bodies up to 30 MB).</summary>
    public const int MaxBytes = 28 * 1024 * 1024;
}

public sealed class StartCatalogueImportHandler(YibaoDbContext db, TimeProvider clock)
{
    public async Task<Result<long>> HandleAsync(StartCatalogueImport command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!await ReferenceAccess.AreaExistsAsync(db, command.Area, ct))
        {
            return ReferenceErrors.UnknownArea(command.Area);
        }

        if (!ReferenceFiles.TryGetFormat(command.FileName, out _) || command.Content.Length == 0 || command.Content.Length > StartCatalogueImport.MaxBytes)
        {
            return ReferenceErrors.MalformedDocument.With($"a catalogue file is a non-empty .csv or .json of at most {StartCatalogueImport.MaxBytes / 1024 / 1024} MB");
        }

        var import = new CatalogueImportRow
        {
            Area = command.Area,
            FileName = Path.GetFileName(command.FileName),
            SkipBad = command.SkipBad,
            Status = RunStatus.Queued,
            Total = command.Content.Length,
            Content = command.Content,
            StartedBy = command.Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.CatalogueImports.Add(import);
        await db.SaveChangesAsync(ct);
        return import.Id;
    }
}

/// <summary>An import: where it is, and what it published or why not.</summary>
public sealed record CatalogueImportView(long Id, string Area, string FileName, string Status, long Total, long Processed, int Records, int BadRecords, string? Problems, int? Version, string StartedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    public bool IsFinished => RunStatus.IsFinished(Status);

    public double Fraction => RunStatus.Fraction(Status, Processed, Total);
}

public sealed record GetCatalogueImport(long Id);

public sealed class GetCatalogueImportHandler(YibaoDbContext db)
{
    public async Task<Result<CatalogueImportView>> HandleAsync(GetCatalogueImport command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = await db.CatalogueImports.AsNoTracking().Where(i => i.Id == command.Id)
            .Select(i => new CatalogueImportView(i.Id, i.Area, i.FileName, i.Status, i.Total, i.Processed, i.Records, i.BadRecords, i.Problems, i.Version, i.StartedBy, i.CreatedAt, i.FinishedAt))
            .FirstOrDefaultAsync(ct);
        return found is null ? CatalogueVersionErrors.ImportNotFound.With($"there is no catalogue import {command.Id}") : found;
    }
}

/// <summary>Runs a queued import: reads its file with progress, then publishes the catalogue, or records why not.</summary>
public sealed record RunCatalogueImport(long Id);

public sealed class RunCatalogueImportHandler(YibaoDbContext db, StorageOptions storage, WriteGate gate, PublishCatalogueHandler publish, TimeProvider clock)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The version published; a refusal (bad records, an unknown area) leaves the import failed with its reason.</summary>
    public async Task<Result<int>> HandleAsync(RunCatalogueImport command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var writer = storage.CreateContext();
        using (await gate.EnterAsync(writer, ct))
        {
            if (await writer.CatalogueImports.Where(i => i.Id == command.Id && i.Status == RunStatus.Queued).ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, RunStatus.Running), ct) != 1)
            {
                return CatalogueVersionErrors.ImportNotFound.With($"catalogue import {command.Id} is not queued");
            }
        }

        var import = await db.CatalogueImports.AsNoTracking().FirstAsync(i => i.Id == command.Id, ct);
        ReferenceFiles.TryGetFormat(import.FileName, out var csv);
        var since = System.Diagnostics.Stopwatch.StartNew();
        await using var stream = new ProgressStream(new MemoryStream(import.Content!), read =>
        {
            if (since.Elapsed >= ProgressInterval)
            {
                since.Restart();
                Progress(writer, command.Id, read);
            }
        });
        var records = await ReferenceFiles.ReadAllAsync(stream, csv, CatalogueFiles.Columns, CatalogueJson.ReadOneEntry, ct);
        var problems = Problems(records.Bad);
        Result<int> published = records.Bad.Count > 0 && !import.SkipBad
            ? ReferenceErrors.ImportRejectedCode.With($"{records.Bad.Count} bad records, so nothing was imported (skip bad records to import the rest)")
            : records.Good.Count == 0
                ? ReferenceErrors.ImportRejectedCode.With("the file has no good record")
                : await db.InTransactionAsync(gate, () => publish.HandleAsync(new PublishCatalogue(import.Area, records.Good, import.StartedBy), ct), ct);
        using (await gate.EnterAsync(writer, ct))
        {
            var status = published.IsSuccess ? RunStatus.Done : RunStatus.Failed;
            var text = published.IsSuccess ? problems : $"{published.Error.Code}: {published.Error.Message}\n{problems}".TrimEnd();
            await writer.CatalogueImports.Where(i => i.Id == command.Id).ExecuteUpdateAsync(u => u
                .SetProperty(i => i.Status, status)
                .SetProperty(i => i.Processed, import.Total)
                .SetProperty(i => i.Records, records.Good.Count + records.Bad.Count)
                .SetProperty(i => i.BadRecords, records.Bad.Count)
                .SetProperty(i => i.Problems, text)
                .SetProperty(i => i.Version, published.IsSuccess ? published.Value : null)
                .SetProperty(i => i.Content, (byte[]?)null)
                .SetProperty(i => i.FinishedAt, clock.GetUtcNow()), ct);
        }

        return published;
    }

    /// <summary>Written from the reading thread between records; a lost update only delays the bar.</summary>
    private void Progress(YibaoDbContext writer, long id, long read)
    {
        using (gate.EnterAsync(writer, CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            writer.CatalogueImports.Where(i => i.Id == id).ExecuteUpdate(u => u.SetProperty(i => i.Processed, read));
        }
    }

    private static string? Problems(List<BadRecord> bad) => bad.Count == 0 ? null : string.Join('\n', bad.Take(100).Select(b => string.Create(CultureInfo.InvariantCulture, $"line {b.Line}: {b.Message}")));

    /// <summary>Counts the bytes read, for the progress bar.</summary>
    private sealed class ProgressStream(Stream inner, Action<long> read) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            read(inner.Position);
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            read(inner.Position);
            return n;
        }

        public override void Flush() => inner.Flush();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
