using Yibao.Server.Infrastructure;

// The server's own files (appsettings.json) are found beside it, whichever directory it starts from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = YibaoApplication.ContentRoot(args) });
builder.AddYibao();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseYibao();
app.MapYibaoEndpoints();
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
