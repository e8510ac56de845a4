using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Yibao.Server.Features.Admin;
using Yibao.Server.Features.Console;
using Yibao.Server.Features.ECertificate;
using Yibao.Server.Features.Federation;
using Yibao.Server.Features.Filings;
using Yibao.Server.Features.Prescriptions;
using Yibao.Server.Features.Supervision;
using Yibao.Server.Features.Gateway;
using Yibao.Server.Features.Payments;
using Yibao.Server.Features.Pricing;
using Yibao.Server.Features.Persons;
using Yibao.Server.Features.Reconciliation;
using Yibao.Server.Features.Settlements;
using Yibao.Server.Features.Staff;
using Yibao.Server.Features.Visits;
using Yibao.Server.Infrastructure.Access;
using Yibao.Storage;
using Yibao.Application.Reference;

namespace Yibao.Server.Infrastructure;

/// <summary>How the server is composed: services, middleware, endpoints and database start-up.</summary>
public static class YibaoApplication
{
    /// <summary>The folder the server was built into, unless the host names one (<c>--contentRoot</c>, as the test host does).</summary>
    public static string? ContentRoot(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory;
    }

    public static WebApplicationBuilder AddYibao(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddInstallationFile();
        var services = builder.Services;
        services.Configure<YibaoOptions>(builder.Configuration.GetSection("Yibao"));
        services.AddSingleton(TimeProvider.System);
        services.AddYibaoApplication();

        // Resolved when first needed, so hosts (and tests) can set ConnectionStrings:Yibao late.
        services.AddYibaoStorage(sp => Installation.Storage(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<IdempotentWrites>();
        services.AddScoped<TifAuthentication>();
        services.AddScoped<CallingInstitution>();
        services.AddSingleton<Application.ECertificates.QrCodes>();

        // The ports' implementations: demo sign-in and face checks, the simulated payment provider.
        services.AddScoped<Application.ECertificates.IPersonSignIn, Application.ECertificates.DemoPersonSignIn>();
        services.AddSingleton<Application.ECertificates.IFaceVerifier, Application.ECertificates.DemoFaceVerifier>();
        services.AddSingleton<Application.Payments.IPaymentProvider, Application.Payments.SimulatedPaymentProvider>();
        services.AddHostedService<ChangeSignalListener>();
        services.AddHostedService<Features.Payments.OrderExpirySweep>();
        services.AddHostedService<Features.Supervision.SupervisionSchedule>();
        services.AddHostedService<Features.Federation.FederationReconciler>();
        services.AddSingleton<Features.Console.ConsoleRuns>();
        services.AddHostedService<Features.Console.ConsoleRunner>();
        var development = builder.Environment.IsDevelopment();
        var authentication = services.AddAuthentication(Features.ECertificate.PatientPages.Scheme).AddCookie(o =>
        {
            o.LoginPath = "/me/sign-in";
            o.Cookie.Name = "yibao.me";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        services.AddStaffSignIn(authentication, development);
        services.AddYibaoKeyRing();
        services.AddConsole();
        services.AddYibaoRateLimits();
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString;
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
            o.SerializerOptions.Converters.Add(new DecimalJsonConverter());
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddYibaoContract());
        return builder;
    }

    public static WebApplication UseYibao(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteUnhandledAsync,

            // The framework logs a stack trace for every exception it sees; only a real fault deserves one.
            SuppressDiagnosticsCallback = context => Faults.IsExpected(context.Exception),
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts(); // sent only on HTTPS answers: behind a TLS-terminating proxy, forward the scheme
        }

        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseStatusCodePages(async context =>
        {
            var code = context.HttpContext.Response.StatusCode switch
            {
                404 => HttpErrors.NotFound.With("No such resource."),
                405 => HttpErrors.MethodNotAllowed.With("The resource does not support this method."),
                415 => HttpErrors.UnsupportedMediaType.With("Send application/json."),
                var status => new ApiError(status, "http_" + status, "The request failed."),
            };
            await code.ToResult().ExecuteAsync(context.HttpContext);
        });
        return app;
    }

    public static WebApplication MapYibaoEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapGet("/health", async (YibaoDbContext db, CancellationToken ct) =>
                await db.Database.CanConnectAsync(ct)
                    ? Results.Ok(new { status = "healthy" })
                    : HttpErrors.DatabaseUnavailable.With("The database cannot be reached.").ToResult())
            .WithTags("Health").WithName("Health");
        app.MapGet("/", () => Results.Redirect("/scalar")).ExcludeFromDescription();
        app.MapPersonEndpoints();
        app.MapVisitEndpoints();
        app.MapSettlementEndpoints();
        app.MapReconciliationEndpoints();
        app.MapDetailReconciliation();
        app.MapPriceListEndpoints();
        app.MapPrescriptions();
        app.MapSupervisionEndpoints();
        app.MapInstitutionFindings();
        app.MapStaffEndpoints();
        app.MapAdminEndpoints();
        app.MapGatewayEndpoints();
        app.MapECertificateEndpoints();
        app.MapPaymentEndpoints();
        app.MapOrderPages();
        app.MapPrescriptionPages();
        app.MapFilingPages();
        app.MapSimulatedCashier();
        app.MapConsole();
        app.MapFederation();
        return app;
    }

    /// <summary>
    /// <see cref="InitializeDatabaseAsync"/>, with what an operator can fix (a malformed connection string,
    /// a database that is missing, unreachable or refuses the sign-in) logged as one line instead of a crash.
    /// </summary>
    public static async Task<bool> TryInitializeDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.InitializeDatabaseAsync();
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or Npgsql.PostgresException { SqlState: "3D000" or "28P01" or "28000" } || DbErrors.IsUnavailable(ex))
        {
            app.Logger.LogCritical("The server cannot start: the database cannot be used: {Reason}", ex.GetBaseException().Message);
            return false;
        }
    }

    /// <summary>Migrates the schema and, on a fresh database, loads the demo world.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var storage = app.Services.GetRequiredService<StorageOptions>();
        app.Logger.LogInformation("Database: {Database}", storage.Describe());
        storage.EnsureDirectory();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YibaoDbContext>();
        await db.MigrateAsync();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<YibaoOptions>>().Value;
        if (options.SeedDemoData && await DemoWorld.IsEmptyAsync(db, default))
        {
            var loaded = await scope.ServiceProvider.GetRequiredService<SeedDemoWorldHandler>().HandleAsync(new SeedDemoWorld(), default);
            app.Logger.LogInformation("Loaded the demo data set: {Summary}", loaded.IsSuccess ? loaded.Value : loaded.Error.ToString());
            if (loaded.IsSuccess && options.DemoHistoryMonths > 0)
            {
                var history = await scope.ServiceProvider.GetRequiredService<SeedDemoHistoryHandler>().HandleAsync(new SeedDemoHistory(options.DemoHistoryMonths), default);
                app.Logger.LogInformation("Generated the demo history: {Summary}", history.IsSuccess ? $"{history.Value} settlements over {options.DemoHistoryMonths} months" : history.Error.ToString());
            }
        }
    }

    /// <summary>Bad requests the framework rejects become problem+json with a code; anything else is a bug, reported without detail.</summary>
    private static async Task WriteUnhandledAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var error = exception switch
        {
            BadHttpRequestException bad => new ApiError(bad.StatusCode, HttpErrors.MalformedRequest.Code, BadRequests.Describe(bad)),
            OperationCanceledException => HttpErrors.RequestCancelled.With("The request was cancelled."),
            DbUpdateConcurrencyException => ApiError.From(Application.ConcurrencyErrors.ConcurrentUpdate.With("A concurrent request changed the same data; retry.")),
            not null when DbErrors.IsUnavailable(exception) => HttpErrors.DatabaseUnavailable.With("The database cannot be reached; retry later."),
            _ => HttpErrors.InternalError.With("An unexpected error occurred; it has been logged."),
        };
        if (exception is not null && Faults.IsExpected(exception))
        {
            Faults.LogExpected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Yibao.Server.Requests"), context.Request, error.Code, error.Detail, exception);
        }

        await error.ToResult().ExecuteAsync(context);
    }

}
