using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yibao.Application.Ledger;
using Yibao.Application.Settlements;
using Yibao.Application.Settlements.Checks;

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
        services.TryAddScoped<IPersonLedger, LocalPersonLedger>();
        services.AddScoped<ClaimPreparation>();

        // The settlement pipeline, in order: eligibility before computing, agreement with the split after.
        services.AddScoped<ISettlementCheck, DesignationCheck>();
        services.AddScoped<ISettlementCheck, ServiceScopeCheck>();
        services.AddScoped<ISettlementCheck, FollowUpCheck>();
        services.AddScoped<ISettlementCheck, OnlineIdentityCheck>();
        services.AddScoped<ISettlementCheck, StatedTotalsCheck>();
        services.AddScoped<SettlementChecks>();
        services.AddScoped<Payments.OrderEnds>();
        services.AddScoped<Payments.ProviderCalls>();

        foreach (var handler in Handlers)
        {
            services.AddScoped(handler);
        }

        return services;
    }

    /// <summary>Every use case's handler: by convention, the public classes named <c>…Handler</c>.</summary>
    public static IReadOnlyList<Type> Handlers { get; } = typeof(ApplicationServices).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.Name.EndsWith("Handler", StringComparison.Ordinal))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();
}
