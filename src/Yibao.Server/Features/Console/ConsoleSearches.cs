using System.Globalization;
using System.Text;
using Yibao.Application.Settlements;

namespace Yibao.Server.Features.Console;

/// <summary>The settlements explorer's search, read from a query string the same way by its page and by its CSV export.</summary>
internal static class ConsoleSearches
{
    /// <summary>The search a query string names; a period left out is the last 30 days.</summary>
    public static SearchSettlements Settlements(AgencyCalendar calendar, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(query);
        var last = DateOnly.TryParse(query["to"], CultureInfo.InvariantCulture, out var t) ? t : calendar.Today;
        var first = DateOnly.TryParse(query["from"], CultureInfo.InvariantCulture, out var f) ? f : last.AddDays(-29);
        return new SearchSettlements(
            first,
            last,
            Text(query["institution"]),
            Text(query["psn_no"]),
            Text(query["certno"]),
            Text(query["channel"]),
            Text(query["benefit"]),
            Text(query["status"]),
            CrossRegion(query["cross"]),
            Text(query["before"]));
    }

    /// <summary>The cross-region filter as the form's select names it.</summary>
    public static string CrossName(bool? crossRegion) => crossRegion switch { true => "yes", false => "no", null => "" };

    private static bool? CrossRegion(string? name) => name switch { "yes" => true, "no" => false, _ => null };

    /// <summary>The search as a query string (without <c>before</c>), for the next page's link and the export's.</summary>
    public static string Query(SearchSettlements search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var query = new StringBuilder($"?from={search.From:yyyy-MM-dd}&to={search.To:yyyy-MM-dd}");
        Add(query, "institution", search.FixmedinsCode);
        Add(query, "psn_no", search.PsnNo);
        Add(query, "certno", search.Certno);
        Add(query, "channel", search.Channel);
        Add(query, "benefit", search.BenefitKind);
        Add(query, "status", search.Status);
        Add(query, "cross", search.CrossRegion is null ? null : CrossName(search.CrossRegion));
        return query.ToString();
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (value is not null)
        {
            query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
