namespace Yibao.Domain.Supervision;

/// <summary>
/// An item's payment restrictions (the catalogue's 限定支付): to one sex, an age range, indications
/// (ICD-10 categories, a diagnosis starting with one of them), a lowest hospital level, insurance
/// types, a longest course, and whether it is payable online (an internet hospital's scope).
/// </summary>
public sealed record ItemRestriction(
    string Code,
    string? Gender = null,
    int? MinAge = null,
    int? MaxAge = null,
    IReadOnlyList<string>? Indications = null,
    int? MinLevel = null,
    IReadOnlyList<string>? Insutypes = null,
    int? MaxCourseDays = null,
    bool PayableOnline = true);

/// <summary>The most of an item per period (e.g. 4 a month; a period of 1 day is a daily limit).</summary>
public sealed record FrequencyLimit(string Code, int MaxCount, int PeriodDays);

/// <summary>
/// The rule base's knowledge, as data: versioned like a catalogue, and read by the rules. Each part
/// may be empty; a rule with nothing to read finds nothing.
/// </summary>
public sealed record KnowledgeBase
{
    public static KnowledgeBase Empty { get; } = new();

    public int Version { get; init; }

    public IReadOnlyDictionary<string, ItemRestriction> Restrictions { get; init; } = new Dictionary<string, ItemRestriction>();

    /// <summary>An item and the items it includes (a package and its parts): billing both is charging twice.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Includes
    {
        get => _includes;
        init
        {
            _includes = value;
            IncludedParts = value.Values.SelectMany(p => p).ToHashSet(StringComparer.Ordinal);
            IncludesInOrder = [.. value.OrderBy(p => p.Key, StringComparer.Ordinal)];
        }
    }

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _includes = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Every item that some other item includes: a claim with none of them cannot be split or double-billed.</summary>
    public IReadOnlySet<string> IncludedParts { get; private init; } = new HashSet<string>();

    /// <summary><see cref="Includes"/> in code order, so that findings come out in the same order every time.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> IncludesInOrder { get; private init; } = [];

    /// <summary>An item's ingredient or class group: two items of one group at once are duplicate therapy.</summary>
    public IReadOnlyDictionary<string, string> TherapyGroups { get; init; } = new Dictionary<string, string>();

    /// <summary>Pairs of items not to be given together (配伍禁忌), each pair once in either order.</summary>
    public IReadOnlyList<(string A, string B)> Contraindications { get; init; } = [];

    /// <summary>The most units of an item a day.</summary>
    public IReadOnlyDictionary<string, decimal> DailyDoseLimits { get; init; } = new Dictionary<string, decimal>();

    public IReadOnlyDictionary<string, FrequencyLimit> FrequencyLimits { get; init; } = new Dictionary<string, FrequencyLimit>();

    /// <summary>The governing price of an item (the catalogue's cap, or the Internet+ price list's).</summary>
    public IReadOnlyDictionary<string, decimal> GoverningPrices { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The items an institution declared it is equipped to give; an institution not named declared nothing, and nothing is judged.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> InstitutionServices { get; init; } = new Dictionary<string, IReadOnlySet<string>>();

    /// <summary>The bed-day items (their quantity counts days in hospital).</summary>
    public IReadOnlySet<string> BedDayItems { get; init; } = new HashSet<string>();

    public ItemRestriction? Restriction(string code) => Restrictions.GetValueOrDefault(code);
}
