using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Yibao.Storage;

namespace Yibao.Application;

/// <summary>
/// Where an installation keeps its state, and how the server and the CLI read its configuration, so
/// that both reach the same database and the same credential key whichever directory they start from.
/// </summary>
/// <remarks>
/// Both read, each later source overriding the earlier: their own defaults (the server's
/// <c>appsettings.json</c>), the JSON file that <c>$YIBAO_CONFIG</c> names, environment variables
/// (<c>ConnectionStrings__Yibao</c>, <c>Yibao__DataDirectory</c>, …), and their command line.
/// </remarks>
public static class Installation
{
    /// <summary>Names an installation's settings file (the shape of <c>appsettings.json</c>), read by the server and the CLI alike.</summary>
    public const string ConfigFileVariable = "YIBAO_CONFIG";

    public const string DataDirectoryKey = "Yibao:DataDirectory";

    /// <summary>The user's local application data (<c>$XDG_DATA_HOME</c>, else <c>~/.local/share</c> on Linux), never the current directory.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "yibao");

    /// <summary>The installation's file (when <c>$YIBAO_CONFIG</c> names one: it must exist), then environment variables.</summary>
    public static IConfigurationBuilder AddInstallationSources(this IConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (ConfigFile is { } file)
        {
            builder.AddJsonFile(file, optional: false, reloadOnChange: false);
        }

        return builder.AddEnvironmentVariables();
    }

    /// <summary>
    /// For a host whose builder already reads <c>appsettings.json</c>, the environment and the command
    /// line (ASP.NET Core's): the installation's file goes between its defaults and the environment.
    /// </summary>
    public static IConfigurationBuilder AddInstallationFile(this IConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (ConfigFile is not { } file)
        {
            return builder;
        }

        var source = new JsonConfigurationSource { Path = file, Optional = false, ReloadOnChange = false };
        source.ResolveFileProvider();
        var environment = builder.Sources.ToList().FindLastIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (environment < 0)
        {
            builder.Sources.Add(source);
        }
        else
        {
            builder.Sources.Insert(environment, source);
        }

        return builder;
    }

    /// <summary>The file <c>$YIBAO_CONFIG</c> names, as a full path.</summary>
    public static string? ConfigFile => Environment.GetEnvironmentVariable(ConfigFileVariable) is { Length: > 0 } file ? Path.GetFullPath(file) : null;

    /// <summary><c>Yibao:DataDirectory</c> (a relative path is taken from the current directory), else <see cref="DefaultDataDirectory"/>.</summary>
    public static string DataDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return DataDirectory(configuration[DataDirectoryKey]);
    }

    /// <inheritdoc cref="DataDirectory(IConfiguration)"/>
    public static string DataDirectory(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? DefaultDataDirectory : Path.GetFullPath(configured);

    /// <summary>The database <c>ConnectionStrings:Yibao</c> names, else the SQLite file <c>yibao.db</c> in the data directory.</summary>
    public static StorageOptions Storage(IConfiguration configuration) =>
        StorageOptions.FromConnectionString(configuration.GetConnectionString("Yibao"), DataDirectory(configuration));

    /// <summary>The credential key: <c>Yibao:CredentialKey</c>, else the key file in the data directory (created once).</summary>
    public static CredentialProtector CredentialKey(YibaoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CredentialProtector.FromConfiguration(options.CredentialKey, Path.Combine(DataDirectory(options.DataDirectory), CredentialProtector.KeyFileName));
    }
}
