using Yibao.Domain;

namespace Yibao.Application.Reference;

/// <summary>The refusals of catalogue versions and imports, and of the demo history.</summary>
public static class CatalogueVersionErrors
{
    public static readonly ErrorCode VersionNotFound = new("catalogue_version_not_found", ErrorKind.NotFound);

    public static readonly ErrorCode ImportNotFound = new("catalogue_import_not_found", ErrorKind.NotFound);

    /// <summary>The history is made once: a second run would double the fund's figures.</summary>
    public static readonly ErrorCode DemoHistoryLoaded = new("demo_history_loaded", ErrorKind.Conflict);
}
