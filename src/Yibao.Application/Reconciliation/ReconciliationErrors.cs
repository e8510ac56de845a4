using Yibao.Domain;

namespace Yibao.Application.Reconciliation;

/// <summary>The refusals of reconciliation.</summary>
public static class ReconciliationErrors
{
    public static readonly ErrorCode InvalidPeriod = new("invalid_period", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidDetails = new("invalid_details", ErrorKind.Invalid);
    public static readonly ErrorCode DetailsDoNotAddUp = new("details_do_not_add_up", ErrorKind.Invalid);
}
