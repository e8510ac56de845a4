using Yibao.Domain;

namespace Yibao.Application.Reconciliation;

/// <summary>The refusals of reconciliation.</summary>
public static class ReconciliationErrors
{
    public static readonly ErrorCode InvalidPeriod = new("invalid_period", ErrorKind.Invalid);
}
