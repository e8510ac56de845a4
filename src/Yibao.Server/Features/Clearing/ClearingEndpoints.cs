using Yibao.Application.Clearing;
using Yibao.Application.Staff;
using Yibao.Server.Infrastructure;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Clearing;

/// <summary>The hub's monthly clearing and the areas' advance funds, for the finance desk (clearing role).</summary>
internal static class ClearingEndpoints
{
    public static RouteGroupBuilder MapClearingAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/clearing", async (ListClearingMonthsHandler list, CancellationToken ct) => Results.Ok(await list.HandleAsync(new ListClearingMonths(), ct)))
            .RequireStaff(StaffRoles.Clearing).WithTags("Clearing").WithName("ListClearingMonths")
            .WithSummary("The months cleared, newest first: state, settlements counted, amount to clear, areas confirmed")
            .Produces<IReadOnlyList<ClearingMonthSummary>>();
        admin.MapGet("/clearing/{month}", async (string month, GetClearingStatementHandler get, CancellationToken ct) =>
                ApiError.Answer(await get.HandleAsync(new GetClearingStatement(month), ct), s => s))
            .RequireStaff(StaffRoles.Clearing).WithTags("Clearing").WithName("GetClearingStatement")
            .WithSummary("A month's statement: each pair's settlements net of cancellations, each area's net position, advance and confirmation")
            .Produces<ClearingStatementView>().ProducesProblem(400).ProducesProblem(404);
        admin.MapPost("/clearing/{month}/run", (string month, HttpContext http, IdempotentWrites writes, RunClearingHandler run) =>
                writes.RunAsync(http, null, async ct => Reply.From(await run.HandleAsync(new RunClearing(month, StaffAccess.Actor(http)), ct), s => s)))
            .RequireStaff(StaffRoles.Clearing).WithTags("Clearing").WithName("RunClearing")
            .WithSummary("Compute an ended month's clearing (again, while no area has confirmed it)")
            .Produces<ClearingStatementView>().ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);
        admin.MapPost("/clearing/{month}/areas/{area}/confirm", (string month, string area, HttpContext http, IdempotentWrites writes, ConfirmClearingStatementHandler confirm) =>
                writes.RunAsync(http, null, async ct => Reply.From(await confirm.HandleAsync(new ConfirmClearingStatement(month, area, StaffAccess.Actor(http)), ct), s => s)))
            .RequireStaff(StaffRoles.Clearing).WithTags("Clearing").WithName("ConfirmClearingStatement")
            .WithSummary("An area confirms its statement; the month closes when every area has, and never changes again")
            .Produces<ClearingStatementView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        admin.MapGet("/clearing/{month}/statement.{format}", ExportAsync)
            .RequireStaff(StaffRoles.Clearing).WithTags("Clearing").WithName("ExportClearingStatement")
            .WithSummary("A month's statement as CSV or PDF").Produces(200, contentType: "application/pdf").ProducesProblem(400).ProducesProblem(404);
        admin.MapGet("/advance-funds", async (ListAdvanceFundsHandler list, CancellationToken ct) => Results.Ok(await list.HandleAsync(new ListAdvanceFunds(), ct)))
            .RequireStaff(StaffRoles.Clearing).WithTags("Clearing").WithName("ListAdvanceFunds")
            .WithSummary("Every area's advance fund, as the last cleared month assessed it, with its latest movements")
            .Produces<IReadOnlyList<AdvanceFundView>>();
        admin.MapPost("/advance-funds/{area}", (string area, AdvanceChangeRequest? request, HttpContext http, IdempotentWrites writes, AdjustAdvanceFundHandler adjust) =>
                writes.RunAsync(http, request, async ct =>
                    Reply.From(await adjust.HandleAsync(new AdjustAdvanceFund(area, request?.Change ?? 0m, request?.Reason ?? "", StaffAccess.Actor(http)), ct), f => new AdvanceFundResponse(f.Area, f.Amount, f.UpdatedAt))))
            .RequireStaff(StaffRoles.Clearing).WithTags("Clearing").WithName("AdjustAdvanceFund")
            .WithSummary("Top up (positive change) or return (negative) an area's advance fund, with the reason")
            .Produces<AdvanceFundResponse>().ProducesProblem(400).ProducesProblem(404);
        return admin;
    }

    /// <summary>A month's statement as a file to download, for the staff API and the console alike.</summary>
    public static async Task<IResult> ExportAsync(string month, string format, ExportClearingStatementHandler export, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(export);
        var file = await export.HandleAsync(new ExportClearingStatement(month, format), ct);
        return file.IsSuccess ? Results.File(file.Value.Content, file.Value.ContentType, file.Value.FileName) : ApiError.From(file.Error).ToResult();
    }
}

/// <summary>A change of an advance fund: a top-up is positive, a return negative.</summary>
internal sealed record AdvanceChangeRequest(decimal Change, string? Reason);

internal sealed record AdvanceFundResponse(string Area, decimal Amount, DateTimeOffset UpdatedAt);
