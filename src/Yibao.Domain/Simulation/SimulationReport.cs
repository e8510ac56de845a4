namespace Yibao.Domain.Simulation;

/// <summary>What the fund, the accounts and the people's cash paid, as stored (<c>Before</c>) and under the draft (<c>After</c>).</summary>
public sealed record PaidChange(string Key, long Settlements, decimal FundBefore, decimal FundAfter, decimal AccountBefore, decimal AccountAfter, decimal CashBefore, decimal CashAfter)
{
    public decimal FundChange => FundAfter - FundBefore;

    public decimal CashChange => CashAfter - CashBefore;
}

/// <summary>How many people's cash paid over the period changed by an amount within [From, To) yuan (a null bound is open).</summary>
public sealed record HistogramBin(string Label, decimal? From, decimal? To, long People);

/// <summary>A person whose cash paid over the period changed the most.</summary>
public sealed record AffectedPerson(string PsnNo, string PersonType, int Settlements, decimal CashBefore, decimal CashAfter)
{
    public decimal CashChange => CashAfter - CashBefore;
}

/// <summary>The what-if report: the period's standing settlements re-settled under a draft policy.</summary>
/// <param name="Resettled">Every settlement re-settled to rebuild the ledgers, counted or not.</param>
/// <param name="Changed">Counted settlements whose fund, account or cash paid changed.</param>
public sealed record SimulationReport(
    long Resettled,
    long People,
    long Changed,
    PaidChange Total,
    IReadOnlyList<PaidChange> ByBenefitKind,
    IReadOnlyList<PaidChange> ByPersonType,
    IReadOnlyList<PaidChange> ByInstitutionLevel,
    IReadOnlyList<HistogramBin> CashChangeHistogram,
    IReadOnlyList<AffectedPerson> MostAffected);
