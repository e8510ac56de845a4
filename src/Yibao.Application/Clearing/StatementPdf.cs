using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Yibao.Application.Clearing;

/// <summary>
/// A month's statement as a landscape A4 PDF (PDFsharp, MIT): the month's state, the pairs and the
/// areas' positions, paged as the tables grow. Drawn with the first TrueType font found of
/// <see cref="StatementFont.Candidates"/> (Droid Sans Fallback has the Chinese names).
/// </summary>
internal static class StatementPdf
{
    private const double Margin = 36;
    private const double RowHeight = 15;

    public static byte[] Write(ClearingStatementView statement)
    {
        StatementFont.Register();
        using var document = new PdfDocument();
        document.Info.Title = $"Yibao inter-area clearing {statement.Month}";
        document.Info.Creator = "Yibao";
        var writer = new PageWriter(document);
        writer.Title($"Inter-area clearing 异地就医清算 {statement.Month}");
        writer.Line($"Status: {statement.Status} · computed {statement.RunAt:yyyy-MM-dd HH:mm}Z by {statement.RunBy} (run {statement.Runs})"
            + (statement.ClosedAt is { } closed ? $" · closed {closed:yyyy-MM-dd HH:mm}Z" : ""));
        writer.Line($"{statement.Settlements.ToString("N0", CultureInfo.InvariantCulture)} cross-region settlements and cancellations; {Money(statement.Amount)} to clear.");
        writer.Gap();
        writer.Table(
            [("Insured area", 80), ("Treatment area", 80), ("Settled", 60), ("Cancelled", 60), ("Net count", 60), ("Medical total", 95), ("Fund paid", 95), ("Account paid", 90), ("To clear", 95)],
            statement.Pairs.Select(p => new[]
            {
                p.InsuredArea, p.TreatmentArea, Count(p.Settled), Count(p.Cancelled), Count(p.Count), Money(p.MedfeeSumamt), Money(p.FundPaySumamt), Money(p.AcctPay), Money(p.Amount),
            }));
        writer.Gap();
        writer.Table(
            [("Area", 55), ("Name", 85), ("Owes", 85), ("Owed", 85), ("Net", 85), ("Advance", 85), ("Usage", 50), ("Top-up", 80), ("Deductions", 70), ("Confirmed", 100)],
            statement.Areas.Select(a => new[]
            {
                a.Area, a.AreaName, Money(a.Owes), Money(a.Owed), Money(a.Net), Money(a.Advance.Advance),
                a.Advance.Usage is { } u ? u.ToString("P0", CultureInfo.InvariantCulture) : "—", Money(a.Advance.TopUp), Money(a.Deductions),
                a.ConfirmedAt is { } at ? at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "not yet",
            }));
        writer.Gap();
        writer.Line("Net = owes − owed: positive, the area pays; negative, it is paid. A confirmed month never changes: a correction goes into the next month.");
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static string Money(decimal amount) => amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Writes lines and tables down the pages, starting a new page when one is full.</summary>
    private sealed class PageWriter(PdfDocument document)
    {
        private readonly XFont _title = new(StatementFont.Family, 16, XFontStyleEx.Regular);
        private readonly XFont _text = new(StatementFont.Family, 9, XFontStyleEx.Regular);
        private XGraphics? _graphics;
        private PdfPage? _page;
        private double _y;

        public void Title(string text) => Draw(text, _title, 24);

        public void Line(string text) => Draw(text, _text, RowHeight);

        public void Gap() => _y += RowHeight / 2;

        public void Table(IReadOnlyList<(string Header, double Width)> columns, IEnumerable<string[]> rows)
        {
            Row(columns, columns.Select(c => c.Header).ToArray(), header: true);
            foreach (var row in rows)
            {
                Row(columns, row, header: false);
            }
        }

        private void Row(IReadOnlyList<(string Header, double Width)> columns, string[] cells, bool header)
        {
            var g = Room(RowHeight);
            var x = Margin;
            if (header)
            {
                g.DrawRectangle(XBrushes.WhiteSmoke, x, _y, columns.Sum(c => c.Width), RowHeight);
            }

            for (var i = 0; i < columns.Count; i++)
            {
                var numeric = i > 0 && cells[i].Length > 0 && (char.IsDigit(cells[i][0]) || cells[i][0] == '-') && !header;
                g.DrawString(cells[i], _text, XBrushes.Black, new XRect(x + 3, _y + 2, columns[i].Width - 6, RowHeight - 2), numeric ? XStringFormats.TopRight : XStringFormats.TopLeft);
                x += columns[i].Width;
            }

            g.DrawLine(XPens.LightGray, Margin, _y + RowHeight, x, _y + RowHeight);
            _y += RowHeight;
        }

        private void Draw(string text, XFont font, double height)
        {
            var g = Room(height);
            g.DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, (_page!.Width.Point) - (2 * Margin), height), XStringFormats.TopLeft);
            _y += height;
        }

        private XGraphics Room(double height)
        {
            if (_graphics is null || _y + height > _page!.Height.Point - Margin)
            {
                _graphics?.Dispose();
                _page = document.AddPage();
                _page.Size = PdfSharp.PageSize.A4;
                _page.Orientation = PdfSharp.PageOrientation.Landscape;
                _graphics = XGraphics.FromPdfPage(_page);
                _y = Margin;
            }

            return _graphics;
        }
    }
}

/// <summary>The statements' font: one TrueType face for every style, from the first file found.</summary>
internal sealed class StatementFont : IFontResolver
{
    public const string Family = "Yibao Statement";

    public static IReadOnlyList<string> Candidates { get; } =
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ];

    private static readonly Lazy<byte[]> Face = new(() =>
        Candidates.FirstOrDefault(File.Exists) is { } path
            ? File.ReadAllBytes(path)
            : throw new InvalidOperationException($"no font for PDF statements: install fonts-droid-fallback or fonts-dejavu-core ({string.Join(", ", Candidates)})"));

    private static readonly Lock Gate = new();

    public static void Register()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not StatementFont)
            {
                GlobalFontSettings.FontResolver = new StatementFont();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Family);

    public byte[]? GetFont(string faceName) => Face.Value;
}
