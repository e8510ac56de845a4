using Yibao.Application.Visits;
using Yibao.Domain;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Gateway;

/// <summary>One authenticated transaction: the envelope, the calling institution, and the use cases it may call.</summary>
internal sealed class GatewayCall(GatewayRequest request, InstitutionRow institution, AgencyCalendar calendar, IServiceProvider services)
{
    public GatewayRequest Request => request;

    public InstitutionRow Institution => institution;

    public AgencyCalendar Calendar => calendar;

    public GatewayInput Input => new(request.Input, "input");

    /// <summary>A use case's handler, in this request's scope.</summary>
    public T Use<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>The caller's view of a visit: its own only, of the person the message names.</summary>
    public VisitScope Scope(string? psnNo = null) => new(institution.FixmedinsCode, psnNo);

    /// <summary>A use case's value, or its refusal as the gateway's: <c>err_msg</c> starts with the code in brackets.</summary>
    public static T Expect<T>(Result<T> result) => result.IsSuccess ? result.Value : throw Refusal(result.Error);

    public static void Expect(DomainError? error)
    {
        if (error is not null)
        {
            throw Refusal(error);
        }
    }

    /// <summary>The gateway's one table from a use case's refusal to its form: every kind is <c>infcode -1</c>, with the code kept machine-readable.</summary>
    public static GatewayRefusal Refusal(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new GatewayRefusal($"[{error.Code}] {error.Message}");
    }
}
