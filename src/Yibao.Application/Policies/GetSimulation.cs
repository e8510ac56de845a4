using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Simulation;
using Yibao.Storage;

namespace Yibao.Application.Policies;

/// <summary>A what-if run: its progress while it runs, its report once done, or why it failed.</summary>
public sealed record SimulationRun(long Id, long DraftId, string Area, string Insutype, int Year, DateOnly From, DateOnly To, string Status, long Total, long Processed, string StartedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, SimulationReport? Report, string? Failure)
{
    public bool IsFinished => RunStatus.IsFinished(Status);

    /// <summary>Done so far, from 0 to 1.</summary>
    public double Fraction => RunStatus.Fraction(Status, Processed, Total);
}

public sealed record GetSimulation(long Id);

public sealed class GetSimulationHandler(YibaoDbContext db)
{
    public async Task<Result<SimulationRun>> HandleAsync(GetSimulation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var run = await SimulationRuns.Query(db, db.SimulationRuns.Where(r => r.Id == command.Id)).FirstOrDefaultAsync(cancellationToken);
        return run is null ? PolicyDraftErrors.SimulationNotFound.With($"there is no simulation {command.Id}") : run.ToRun(withReport: true);
    }
}

/// <summary>The runs of a draft (or all), newest first, without their reports.</summary>
public sealed record ListSimulations(long? DraftId, int Limit = 50);

public sealed class ListSimulationsHandler(YibaoDbContext db)
{
    public async Task<IReadOnlyList<SimulationRun>> HandleAsync(ListSimulations command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var runs = db.SimulationRuns.AsQueryable();
        if (command.DraftId is { } draftId)
        {
            runs = runs.Where(r => r.DraftId == draftId);
        }

        var latest = runs.OrderByDescending(r => r.Id).Take(Math.Clamp(command.Limit, 1, 200));
        var rows = await SimulationRuns.Query(db, latest, withReport: false).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.Id).Select(r => r.ToRun(withReport: false))];
    }
}

internal static class SimulationRuns
{
    /// <summary>The runs chosen, with their draft's policy; filtered before the projection, which the database cannot look into.</summary>
    public static IQueryable<RunRow> Query(YibaoDbContext db, IQueryable<Storage.Entities.SimulationRunRow> runs, bool withReport = true) =>
        from r in runs.AsNoTracking()
        join d in db.PolicyDrafts on r.DraftId equals d.Id
        select new RunRow(r.Id, r.DraftId, d.Area, d.Insutype, d.Year, r.From, r.To, r.Status, r.Total, r.Processed, r.StartedBy, r.CreatedAt, r.FinishedAt, withReport ? r.Report : null);

    internal sealed record RunRow(long Id, long DraftId, string Area, string Insutype, int Year, DateOnly From, DateOnly To, string Status, long Total, long Processed, string StartedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? Report)
    {
        public SimulationRun ToRun(bool withReport) => new(
            Id, DraftId, Area, Insutype, Year, From, To, Status, Total, Processed, StartedBy, CreatedAt, FinishedAt,
            withReport && Status == RunStatus.Done && Report is not null ? JsonSerializer.Deserialize<SimulationReport>(Report, RunSimulationHandler.ReportJson) : null,
            Status == RunStatus.Failed ? Report : null);
    }
}
