using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yibao.Application.Ledger;
using Yibao.Application.Settlements;
using Yibao.Application.Settlements.Checks;
using Yibao.Application.Staff;
using Yibao.Storage;

namespace Yibao.Application;

/// <summary>The use cases and their ports, for any door (server, CLI) to compose.</summary>
public static class ApplicationServices
{
    /// <summary>
    /// Registers every use case's handler, the settlement checks in pipeline order, and the local
    /// implementations of the ports. The host provides <see cref="Storage.YibaoDbContext"/>,
    /// <see cref="Storage.WriteGate"/>, the reference cache and <see cref="YibaoOptions"/>.
    /// </summary>
    public static IServiceCollection AddYibaoApplication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AgencyCalendar(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<YibaoOptions>>().Value.UtcOffset));
        services.AddScoped<LocalPersonLedger>();
        services.TryAddScoped<IPersonLedger, RoutedPersonLedger>();
        services.AddScoped<Federation.FederationKeys>();
        services.AddScoped<Federation.FederationClient>();
        services.AddScoped<Federation.InsuredNodes>();
        services.AddScoped<Federation.Guests>();
        services.AddScoped<Federation.HubJournal>();
        services.TryAddSingleton<Federation.FederationHttp>();
        services.AddScoped<ClaimPreparation>();

        // The settlement pipeline, in order: eligibility before computing, agreement with the split after.
        services.AddScoped<ISettlementCheck, DesignationCheck>();
        services.AddScoped<ISettlementCheck, ServiceScopeCheck>();
        services.AddScoped<ISettlementCheck, FollowUpCheck>();
        services.AddScoped<ISettlementCheck, OnlineIdentityCheck>();
        services.AddScoped<ISettlementCheck, StatedTotalsCheck>();
        services.AddScoped<ISettlementCheck, Supervision.SupervisionCheck>();
        services.AddScoped<Supervision.ClaimFindings>();
        services.AddScoped<SettlementChecks>();
        services.AddScoped<Payments.OrderEnds>();
        services.AddScoped<Prescriptions.EpcApps>();
        services.AddScoped<Prescriptions.SigningAuthority>();
        services.AddScoped<Prescriptions.PrescriptionJournal>();
        services.AddScoped<Prescriptions.PrescriptionClaims>();
        services.AddScoped<RefusalRecords>();
        services.AddScoped<Payments.ProviderCalls>();
        services.AddStaffAccounts();

        foreach (var handler in Handlers)
        {
            services.AddScoped(handler);
        }

        return services;
    }

    /// <summary>
    /// The storage a node runs on, as the server and the CLI share it: the database chosen by
    /// <paramref name="storage"/> (resolved when first needed, so a host may set it late), the write
    /// gate, the reference cache and the credential key.
    /// </summary>
    public static IServiceCollection AddYibaoStorage(this IServiceCollection services, Func<IServiceProvider, StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storage);
        services.TryAddSingleton(storage);
        services.TryAddScoped(sp =>
        {
            var db = sp.GetRequiredService<StorageOptions>().CreateContext();
            db.Clock = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            return db;
        });
        services.TryAddSingleton(sp => Installation.CredentialKey(sp.GetRequiredService<IOptions<YibaoOptions>>().Value));
        services.TryAddSingleton<WriteGate>();
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageOptions>().Signals);
        services.TryAddSingleton<Reference.ReferenceSnapshots>();
        services.TryAddSingleton<SignIns.OpenSignIns>();
        services.TryAddScoped<Reference.ReferenceData>();
        return services;
    }

    /// <summary>Every use case's handler: by convention, the public classes named <c>…Handler</c>.</summary>
    public static IReadOnlyList<Type> Handlers { get; } = typeof(ApplicationServices).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.Name.EndsWith("Handler", StringComparison.Ordinal))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();
}
