using Microsoft.AspNetCore.Components;

namespace Yibao.Server.Features.Console;

/// <summary>What the console's search forms share: a select's options, and the filter row's style.</summary>
internal static class ConsoleForms
{
    /// <summary>Markup, not text: a style element's content is raw, and encoded line breaks would end its rules.</summary>
    public static MarkupString FilterStyle { get; } = new("""
        .filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; }
        .filters label { display: flex; flex-direction: column; font-size: .85rem; }
        .filters input, .filters select { font-size: 1rem; padding: 6px; border: 1px solid #c4c4c4; border-radius: 4px; }
        """);

    /// <summary>A select's options, the current value selected.</summary>
    public static RenderFragment Options(string? selected, params (string Value, string Label)[] options) => builder =>
    {
        foreach (var (value, label) in options)
        {
            builder.OpenElement(0, "option");
            builder.AddAttribute(1, "value", value);
            builder.AddAttribute(2, "selected", value == (selected ?? ""));
            builder.AddContent(3, label);
            builder.CloseElement();
        }
    };
}
