using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Domain.Codes;
using Yibao.Domain.Interchange;
using Yibao.Domain.Persons;
using Yibao.Domain.Settlement;
using Yibao.Domain.Simulation;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Policies;

/// <summary>Runs a queued what-if run to its report, streaming the settlements person by person.</summary>
public sealed record RunSimulation(long RunId);

public sealed class RunSimulationHandler(YibaoDbContext db, StorageOptions storage, WriteGate gate, TimeProvider clock)
{
    /// <summary>How often progress is written, so that any server process can show it.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public static JsonSerializerOptions ReportJson { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the simulation; the run ends done with its report, or failed with the reason. <paramref name="progress"/> hears the settlements re-settled so far.</summary>
    public async Task<Result<SimulationReport>> HandleAsync(RunSimulation command, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var run = await db.SimulationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == command.RunId, cancellationToken);
        if (run is null)
        {
            return PolicyDraftErrors.SimulationNotFound.With($"there is no simulation {command.RunId}");
        }

        var draft = await db.PolicyDrafts.AsNoTracking().FirstAsync(d => d.Id == run.DraftId, cancellationToken);
        var policy = PolicyJson.Read(draft.Document).Value;
        await using var writer = storage.CreateContext();
        if (!await ClaimAsync(writer, run.Id, cancellationToken))
        {
            return PolicyDraftErrors.SimulationNotQueued.With($"simulation {run.Id} is already {run.Status}");
        }
        try
        {
            var tally = new SimulationTally(policy, run.From, run.To);
            var processed = 0L;
            var sinceProgress = Stopwatch.StartNew();
            await foreach (var person in PeopleAsync(draft, cancellationToken))
            {
                tally.Add(person);
                processed += person.Settlements.Count;
                if (sinceProgress.Elapsed >= ProgressInterval)
                {
                    sinceProgress.Restart();
                    progress?.Report(processed);
                    await UpdateAsync(writer, run.Id, SimulationStatus.Running, processed, null, cancellationToken);
                }
            }

            var report = tally.Report();
            progress?.Report(processed);
            await UpdateAsync(writer, run.Id, SimulationStatus.Done, processed, JsonSerializer.Serialize(report, ReportJson), cancellationToken);
            return report;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The run is left failed with why, for whoever is watching; the bug itself still surfaces.
            await UpdateAsync(writer, run.Id, SimulationStatus.Failed, 0, e.Message, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The draft's settlements grouped by person, each person's in the order they were settled; one query, read as it streams.</summary>
    private async IAsyncEnumerable<PersonHistory> PeopleAsync(PolicyDraftRow draft, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows =
            from s in SimulationScope.Of(db, draft)
            join i in db.Institutions on s.FixmedinsCode equals i.FixmedinsCode
            from a in db.Accumulators.Where(a => a.PsnNo == s.PsnNo && a.Year == s.Year && a.BenefitKind == s.BenefitKind).DefaultIfEmpty()
            orderby s.PsnNo
            select new SimulatedRow(
                s.PsnNo, s.SetlId, s.MedType, s.Channel, s.BenefitKind, s.EffectiveLevel, i.Level, s.Filing, s.AcctUsedFlag, s.Retired,
                s.MedfeeSumamt, s.FulamtOwnpayAmt, s.OverlmtSelfpay, s.PreselfpayAmt, s.InscpScpAmt,
                s.Balc, s.FundPaySumamt, s.AcctPay, s.PsnCashPay, s.DeductibleDelta, s.FundDelta,
                s.Status, s.SettledAt, s.SettlementDate, s.CancelledAt,
                a == null ? 0m : a.DeductiblePaid, a == null ? 0m : a.FundPaid);
        string? psnNo = null;
        var settlements = new List<StoredSettlement>();
        var now = new AccumulatorSet();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (row.PsnNo != psnNo)
            {
                if (psnNo is not null)
                {
                    yield return History(psnNo, settlements, now);
                }

                (psnNo, settlements, now) = (row.PsnNo, [], new AccumulatorSet());
            }

            var stored = row.ToStored();
            settlements.Add(stored);
            now = now.With(stored.BenefitKind, new Accumulator(row.DeductiblePaidNow, row.FundPaidNow));
        }

        if (psnNo is not null)
        {
            yield return History(psnNo, settlements, now);
        }
    }

    private static PersonHistory History(string psnNo, List<StoredSettlement> settlements, AccumulatorSet now)
    {
        settlements.Sort((a, b) => a.SettledAt != b.SettledAt ? a.SettledAt.CompareTo(b.SettledAt) : string.CompareOrdinal(a.SetlId, b.SetlId));
        return new PersonHistory(psnNo, settlements, now);
    }

    /// <summary>Moves the run from queued to running, once: of two runners, one gets it.</summary>
    private async Task<bool> ClaimAsync(YibaoDbContext writer, long id, CancellationToken cancellationToken)
    {
        using var entered = await gate.EnterAsync(writer, cancellationToken);
        return await writer.SimulationRuns.Where(r => r.Id == id && r.Status == SimulationStatus.Queued)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, SimulationStatus.Running), cancellationToken) == 1;
    }

    private async Task UpdateAsync(YibaoDbContext writer, long id, string status, long processed, string? report, CancellationToken cancellationToken)
    {
        using var entered = await gate.EnterAsync(writer, cancellationToken);
        var finished = status is SimulationStatus.Done or SimulationStatus.Failed ? clock.GetUtcNow() : (DateTimeOffset?)null;
        await writer.SimulationRuns.Where(r => r.Id == id).ExecuteUpdateAsync(
            u => u.SetProperty(r => r.Status, status).SetProperty(r => r.Processed, processed).SetProperty(r => r.Report, report).SetProperty(r => r.FinishedAt, finished),
            cancellationToken);
    }

    private sealed record SimulatedRow(
        string PsnNo, string SetlId, string MedType, string Channel, string BenefitKind, int EffectiveLevel, int InstitutionLevel, string Filing, bool AcctUsedFlag, bool Retired,
        decimal MedfeeSumamt, decimal FulamtOwnpayAmt, decimal OverlmtSelfpay, decimal PreselfpayAmt, decimal InscpScpAmt,
        decimal Balc, decimal FundPaySumamt, decimal AcctPay, decimal PsnCashPay, decimal DeductibleDelta, decimal FundDelta,
        Domain.Lifecycles.SettlementStatus Status, DateTimeOffset SettledAt, DateOnly SettlementDate, DateTimeOffset? CancelledAt,
        decimal DeductiblePaidNow, decimal FundPaidNow)
    {
        public StoredSettlement ToStored()
        {
            // Stored codes were checked when the settlement was made.
            BenefitKinds.TryParse(BenefitKind, out var benefit);
            CodeNames.TryParseChannel(Channel, out var channel);
            CodeNames.TryParseFiling(Filing, out var filing);
            return new StoredSettlement
            {
                SetlId = SetlId,
                MedType = MedType,
                Channel = channel,
                BenefitKind = benefit,
                EffectiveLevel = EffectiveLevel,
                InstitutionLevel = InstitutionLevel,
                Filing = filing,
                AcctUsedFlag = AcctUsedFlag,
                Retired = Retired,
                Totals = new ClaimTotals(MedfeeSumamt, FulamtOwnpayAmt, OverlmtSelfpay, PreselfpayAmt, InscpScpAmt),
                BalanceBefore = Balc + AcctPay,
                FundPaySumamt = FundPaySumamt,
                AcctPay = AcctPay,
                PsnCashPay = PsnCashPay,
                Delta = new Accumulator(DeductibleDelta, FundDelta),
                Status = Status,
                SettledAt = SettledAt,
                SettlementDate = SettlementDate,
                GivenBackAt = CancelledAt,
            };
        }
    }
}
