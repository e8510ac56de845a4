using Yibao.Domain;

namespace Yibao.Application.Prescriptions;

/// <summary>The refusals of the e-prescription use cases, beyond the lifecycle's, the pre-check's and the fraud guards'.</summary>
public static class RxErrors
{
    /// <summary>No such prescription, or not the caller's to see.</summary>
    public static readonly ErrorCode NotFound = new("rx_not_found", ErrorKind.NotFound);

    /// <summary>The <c>rxTraceCode</c> is not the pre-check's for this prescription.</summary>
    public static readonly ErrorCode TraceCodeInvalid = new("rx_trace_code_invalid", ErrorKind.Refused);

    /// <summary>The <c>rxTraceCode</c> was already used for an upload.</summary>
    public static readonly ErrorCode TraceCodeUsed = new("rx_trace_code_used", ErrorKind.Conflict);

    /// <summary>An <c>epc_token</c>, <c>auth_rxno</c> or prescription QR code that is unknown, expired or another pharmacy's.</summary>
    public static readonly ErrorCode PassInvalid = new("rx_pass_invalid", ErrorKind.Refused);

    /// <summary>An <c>auth_rxno</c> or prescription QR code already used.</summary>
    public static readonly ErrorCode PassUsed = new("rx_pass_used", ErrorKind.Conflict);

    /// <summary>The claim names a prescription this pharmacy has not downloaded (7203).</summary>
    public static readonly ErrorCode NotHeld = new("rx_not_held", ErrorKind.Refused);

    /// <summary>No passing pharmacist review (7204) before settlement.</summary>
    public static readonly ErrorCode NotReviewed = new("rx_not_reviewed", ErrorKind.Refused);

    /// <summary>One claim dispenses one prescription: every line names it, none is without it.</summary>
    public static readonly ErrorCode MixedClaim = new("rx_mixed_claim", ErrorKind.Invalid);

    /// <summary>A pack's drug traceability code is not 20 digits.</summary>
    public static readonly ErrorCode DrugTraceCodeInvalid = new("drug_trace_code_invalid", ErrorKind.Invalid);

    /// <summary>A pack's drug traceability code was already dispensed: a pack is sold once.</summary>
    public static readonly ErrorCode DrugTraceCodeUsed = new("drug_trace_code_used", ErrorKind.Conflict);
}
