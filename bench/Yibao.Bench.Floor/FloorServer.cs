namespace Yibao.Bench.Floor;

/// <summary>
/// The flow behind three JSON requests on ASP.NET Core's minimal API: what HTTP and JSON add to
/// <see cref="FlowSql"/> (or <see cref="FlowEf"/>), with nothing else (no authentication, idempotency, audit of reads or
/// reference data).
/// </summary>
internal static class FloorServer
{
    public static async Task RunAsync(string connectionString, string url, bool ef)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = FloorJson.Options.PropertyNamingPolicy);
        builder.Services.AddSingleton(FloorFlows.Create(connectionString, ef));
        await using var app = builder.Build();
        app.MapGet("/health", () => "ok");
        app.MapPost("/visits", async (RegisterRequest request, IFlow flow, CancellationToken ct) =>
            Results.Ok(new { mdtrt_id = await flow.RegisterAsync(request.PsnNo, request.Msgid, ct) }));
        app.MapPost("/visits/{mdtrtId:long}/fees", async (long mdtrtId, UploadRequest request, IFlow flow, CancellationToken ct) =>
        {
            await flow.UploadAsync(mdtrtId, request.Lines, ct);
            return Results.Ok(new { mdtrt_id = mdtrtId, lines = request.Lines.Count });
        });
        app.MapPost("/visits/{mdtrtId:long}/settlement", async (long mdtrtId, SettleRequest request, IFlow flow, CancellationToken ct) =>
            await flow.SettleAsync(mdtrtId, request.Msgid, ct) is { } settled ? Results.Ok(settled) : Results.NotFound());
        await app.RunAsync();
    }
}

internal sealed record RegisterRequest(long PsnNo, string MedType, string DiseCodg, string Msgid);

internal sealed record UploadRequest(IReadOnlyList<FeeLine> Lines);

internal sealed record SettleRequest(string Msgid);

internal static class FloorJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
    };
}
