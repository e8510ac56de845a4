using Yibao.Server.Infrastructure;

// The server's own files (appsettings.json) are found beside it, whichever directory it starts from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = YibaoApplication.ContentRoot(args) });
builder.AddYibao();

var app = builder.Build();
if (!await app.TryInitializeDatabaseAsync())
{
    await app.DisposeAsync(); // flushes the console logger's queue, so that the one line is not lost at exit
    return 2;
}

app.UseYibao();
app.MapYibaoEndpoints();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
