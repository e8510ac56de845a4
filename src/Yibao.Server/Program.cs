using Yibao.Server.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddYibao();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseYibao();
app.MapYibaoEndpoints();
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
