using Yibao.Application.Reference;
using Yibao.Server.Infrastructure.Access;
using Yibao.Storage;

namespace Yibao.Server.Features.Console;

/// <summary>
/// <c>POST /console/catalogues/imports</c>: the catalogues page's upload form (area, file, skip bad
/// records). The file is queued with the import and read in the background; the browser goes to the
/// import's page, which shows its progress.
/// </summary>
internal static class CatalogueUpload
{
    public static async Task<IResult> UploadAsync(HttpContext http, StartCatalogueImportHandler start, YibaoDbContext db, WriteGate gate, ConsoleRuns runs)
    {
        ArgumentNullException.ThrowIfNull(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var area = form["area"].ToString();
        if (form.Files.GetFile("file") is not { } file)
        {
            return Results.Redirect($"/console/catalogues?area={Uri.EscapeDataString(area)}&error=no_file");
        }

        using var content = new MemoryStream();
        await using (var upload = file.OpenReadStream())
        {
            await upload.CopyToAsync(content, http.RequestAborted);
        }

        var command = new StartCatalogueImport(area, file.FileName, content.ToArray(), form["skipBad"] == "true", StaffAccess.Actor(http));
        var started = await db.InTransactionAsync(gate, () => start.HandleAsync(command, http.RequestAborted), http.RequestAborted);
        if (!started.IsSuccess)
        {
            return Results.Redirect($"/console/catalogues?area={Uri.EscapeDataString(area)}&error={Uri.EscapeDataString(started.Error.Code)}");
        }

        runs.Wake();
        return Results.Redirect($"/console/catalogues/imports/{started.Value}");
    }
}
