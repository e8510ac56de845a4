using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Yibao.Server.Infrastructure.Access;

namespace Yibao.Server.Features.Console;

/// <summary>
/// The agency console at <c>/console</c>: Blazor static server rendering with MudBlazor's
/// components (SVG charts, no scripts), signed in with the staff cookie, each page authorized by
/// role on the server.
/// </summary>
internal static class ConsoleEndpoints
{
    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddMudServices();
        return services;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<ConsoleApp>();
        app.MapGet("/console/settlements.csv", SettlementExport.ExportAsync)
            .RequireAuthorization(StaffAccess.ConsolePolicy + ":" + Application.Staff.StaffRoles.Audit)
            .ExcludeFromDescription();
        app.MapGet("/console/simulations/{id:long}.csv", SimulationExport.ExportAsync)
            .RequireAuthorization(StaffAccess.ConsolePolicy + ":" + Application.Staff.StaffRoles.Policy)
            .ExcludeFromDescription();
        app.MapGet("/console/clearing/{month}/statement.{format}", Clearing.ClearingEndpoints.ExportAsync)
            .RequireAuthorization(StaffAccess.ConsolePolicy + ":" + Application.Staff.StaffRoles.Clearing)
            .ExcludeFromDescription();
        app.MapPost("/console/catalogues/imports", CatalogueUpload.UploadAsync)
            .RequireAuthorization(StaffAccess.ConsolePolicy + ":" + Application.Staff.StaffRoles.Policy)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        app.MapPost("/console/sign-out", async (HttpContext http) =>
            {
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                return Results.Redirect("/console/sign-in");
            })
            .RequireAuthorization(StaffAccess.ConsolePolicy)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        return app;
    }
}
