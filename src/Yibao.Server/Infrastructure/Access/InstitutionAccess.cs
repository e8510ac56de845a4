using Yibao.Application.Visits;

namespace Yibao.Server.Infrastructure.Access;

/// <summary>The institution a native request acts as, authenticated by <see cref="InstitutionAccess"/>; its use cases see only what is its own.</summary>
internal sealed class CallingInstitution
{
    private TifCaller? _caller;

    public TifCaller? Caller => _caller;

    public string Code => _caller?.FixmedinsCode ?? throw new InvalidOperationException("No institution authenticated this request: the endpoint lacks RequireInstitution().");

    /// <summary>What the institution may see of visits and settlements, optionally only those of one person.</summary>
    public VisitScope Scope(string? psnNo = null) => new(Code, psnNo);

    public void Set(TifCaller caller) => _caller = caller;
}

/// <summary>
/// Every native endpoint an institution calls authenticates it with the gateway's credentials: the
/// <c>x-tif-*</c> signature of its paasid and token, with timestamp window and nonce. A write keeps
/// the nonce with its stored response (<see cref="IdempotentWrites"/>); any other request remembers
/// it first, so that no request is answered twice under one nonce.
/// </summary>
internal static class InstitutionAccess
{
    public static TBuilder RequireInstitution<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(
            new Required(),
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var writes = IdempotentWrites.IsUsedBy(factory.MethodInfo);
            return async context =>
            {
                var http = context.HttpContext;
                var authentication = http.RequestServices.GetRequiredService<TifAuthentication>();
                try
                {
                    var caller = await authentication.VerifyAsync(http.Request.Headers, http.RequestAborted);
                    using var lease = http.RequestServices.GetRequiredService<InstitutionLimiter>().Acquire(caller.Paasid);
                    if (!lease.IsAcquired)
                    {
                        await RateLimits.TooManyAsync(http, lease, $"Too many requests for credential {caller.Paasid}; slow down.");
                        return Results.Empty;
                    }

                    http.RequestServices.GetRequiredService<CallingInstitution>().Set(caller);
                    if (!writes)
                    {
                        await authentication.RememberAsync(caller, http.RequestAborted);
                    }
                }
                catch (AccessRefusal refusal)
                {
                    return Unauthenticated(refusal.Message).ToResult();
                }

                return await next(context);
            };
        });
        return builder;
    }

    /// <summary>Marks an endpoint that authenticates its institution (for the OpenAPI document).</summary>
    public sealed record Required;

    public static ApiError Unauthenticated(string detail) => HttpErrors.Unauthenticated.With(detail);

    /// <summary>An institution's own resources, named in the path: another's are forbidden.</summary>
    public static ApiError? NotTheCaller(string fixmedinsCode, CallingInstitution calling) =>
        fixmedinsCode == calling.Code ? null : HttpErrors.InstitutionForbidden.With($"Institution {calling.Code} may only reconcile its own settlements, not {fixmedinsCode}'s.");
}
