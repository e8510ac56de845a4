namespace Yibao.Application.Reference;

/// <summary>A catalogue file's CSV columns, as the admin API's JSON members (the CLI and the console read both formats).</summary>
public static class CatalogueFiles
{
    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("code", "code"),
        new("name", "name", Optional: true),
        new("kind", "kind", Optional: true),
        new("class", "class"),
        new("selfpay_prop", "selfpayProp", CsvValue.Number, Optional: true),
        new("price_cap", "priceCap", CsvValue.Number, Optional: true),
    ];
}
