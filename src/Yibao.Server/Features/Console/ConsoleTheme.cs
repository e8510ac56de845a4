using MudBlazor;

namespace Yibao.Server.Features.Console;

/// <summary>The console's colours: the agency's green, as on the phone pages.</summary>
internal static class ConsoleTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#0b6e4f", AppbarBackground = "#0b6e4f" },
    };
}
