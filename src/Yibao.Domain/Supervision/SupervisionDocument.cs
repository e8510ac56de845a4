using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Yibao.Domain.Supervision;

/// <summary>The refusals of supervision.</summary>
public static class SupervisionErrors
{
    public static readonly ErrorCode InvalidKnowledge = new("invalid_knowledge", ErrorKind.Invalid);

    /// <summary>An analysis request (3101, 3102) or a feedback (3103) that cannot be judged as sent.</summary>
    public static readonly ErrorCode InvalidAnalysis = new("invalid_analysis", ErrorKind.Invalid);

    public static readonly ErrorCode FindingNotFound = new("finding_not_found", ErrorKind.NotFound);

    /// <summary>A blocking rule fired: the settlement is refused, with the rule's id and explanation.</summary>
    public static readonly ErrorCode Blocked = new("supervision_blocked", ErrorKind.Refused);

    /// <summary>The move does not belong to the finding's step of review (e.g. an appeal before the second review).</summary>
    public static readonly ErrorCode WrongStep = new("review_wrong_step", ErrorKind.Conflict);

    public static readonly ErrorCode ReviewClosed = new("review_closed", ErrorKind.Conflict);

    /// <summary>The reviewer who confirmed a finding first may not review it second.</summary>
    public static readonly ErrorCode SameReviewer = new("review_same_reviewer", ErrorKind.Forbidden);

    /// <summary>The institution's time to appeal or accept has ended.</summary>
    public static readonly ErrorCode AppealClosed = new("review_appeal_closed", ErrorKind.Refused);

    /// <summary>The agency may not decide while the institution may still appeal.</summary>
    public static readonly ErrorCode AppealOpen = new("review_appeal_open", ErrorKind.Conflict);

    /// <summary>A deduction's amount is not within (0, <c>vola_amt</c>] in cents, or no violation with an amount.</summary>
    public static readonly ErrorCode InvalidAmount = new("review_amount_invalid", ErrorKind.Invalid);

    /// <summary>A review move that is malformed: an unknown action or decision, no opinion, no institution to act on.</summary>
    public static readonly ErrorCode InvalidReview = new("review_invalid", ErrorKind.Invalid);
}

/// <summary>An area's supervision settings as loaded: the knowledge, each rule's parameters in force, and the rules switched off.</summary>
public sealed record SupervisionDocument(
    KnowledgeBase Knowledge,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Settings,
    IReadOnlySet<string> Disabled)
{
    public static SupervisionDocument Empty { get; } = new(KnowledgeBase.Empty, new Dictionary<string, IReadOnlyDictionary<string, string>>(), new HashSet<string>());

    /// <summary>The enabled rules' ids, for <see cref="RuleSet.Evaluate"/>.</summary>
    public IReadOnlyCollection<string> Enabled(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return [.. rules.Definitions.Select(d => d.Id).Where(id => !Disabled.Contains(id))];
    }
}

/// <summary>
/// The JSON of an area's supervision knowledge and rule settings:
/// <c>{restrictions[], includes{}, therapyGroups{}, contraindications[[a,b]], dailyDoseLimits{},
/// frequencyLimits[], institutionServices{}, bedDayItems[], ruleSettings{ruleId: {param: value}},
/// disabledRules[]}</c>. Every part is optional; a rule id or parameter that does not exist is an
/// error, so a typo never silently leaves a default in force.
/// </summary>
public static class SupervisionJson
{
    public static Result<SupervisionDocument> Read(string json, RuleSet rules, int version = 0)
    {
        ArgumentNullException.ThrowIfNull(rules);
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(json ?? "") as JsonObject;
        }
        catch (JsonException e)
        {
            return SupervisionErrors.InvalidKnowledge.With($"not JSON: {e.Message}");
        }

        if (root is null)
        {
            return SupervisionErrors.InvalidKnowledge.With("the document is a JSON object");
        }

        var errors = new List<string>();
        var definitions = rules.Definitions.ToDictionary(d => d.Id, StringComparer.Ordinal);
        try
        {
            var knowledge = new KnowledgeBase
            {
                Version = version,
                Restrictions = Objects(root, "restrictions").Select(Restriction).ToDictionary(r => r.Code, StringComparer.Ordinal),
                Includes = Map(root, "includes", v => (IReadOnlyList<string>)Strings(v)),
                TherapyGroups = Map(root, "therapyGroups", v => v!.GetValue<string>()),
                Contraindications = [.. (root["contraindications"] as JsonArray ?? []).Select(p => Strings(p) is [var a, var b] ? (a, b) : throw new FormatException("contraindications: pairs [a, b]"))],
                DailyDoseLimits = Map(root, "dailyDoseLimits", v => decimal.Parse(v!.ToJsonString().Trim('"'), CultureInfo.InvariantCulture)),
                FrequencyLimits = Objects(root, "frequencyLimits").Select(f => new FrequencyLimit(Text(f, "code"), f["maxCount"]!.GetValue<int>(), f["periodDays"]!.GetValue<int>())).ToDictionary(f => f.Code, StringComparer.Ordinal),
                InstitutionServices = Map(root, "institutionServices", v => (IReadOnlySet<string>)Strings(v).ToHashSet(StringComparer.Ordinal)),
                BedDayItems = Strings(root["bedDayItems"]).ToHashSet(StringComparer.Ordinal),
            };
            var settings = Map(root, "ruleSettings", v => (IReadOnlyDictionary<string, string>)(v as JsonObject ?? throw new FormatException("ruleSettings: {ruleId: {parameter: value}}"))
                .ToDictionary(p => p.Key, p => p.Value is JsonValue value && value.TryGetValue<string>(out var s) ? s : p.Value!.ToJsonString(), StringComparer.Ordinal));
            foreach (var (id, parameters) in settings)
            {
                if (!definitions.TryGetValue(id, out var definition))
                {
                    errors.Add($"ruleSettings.{id}: no such rule");
                    continue;
                }

                errors.AddRange(parameters.Keys.Where(k => !definition.Parameters.ContainsKey(k)).Select(k => $"ruleSettings.{id}.{k}: the rule has no such parameter ({string.Join(", ", definition.Parameters.Keys)})"));
                errors.AddRange(parameters.Where(p => !decimal.TryParse(p.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)).Select(p => $"ruleSettings.{id}.{p.Key}: a number"));
            }

            var disabled = Strings(root["disabledRules"]).ToHashSet(StringComparer.Ordinal);
            errors.AddRange(disabled.Where(id => !definitions.ContainsKey(id)).Select(id => $"disabledRules: no rule {id}"));
            return errors.Count > 0 ? SupervisionErrors.InvalidKnowledge.With(string.Join("; ", errors)) : new SupervisionDocument(knowledge, settings, disabled);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException or NullReferenceException or OverflowException or ArgumentException)
        {
            return SupervisionErrors.InvalidKnowledge.With(e.Message);
        }
    }

    private static ItemRestriction Restriction(JsonObject r) => new(
        Text(r, "code"),
        Optional(r, "gender"),
        r["minAge"]?.GetValue<int>(),
        r["maxAge"]?.GetValue<int>(),
        r["indications"] is null ? null : Strings(r["indications"]),
        r["minLevel"]?.GetValue<int>(),
        r["insutypes"] is null ? null : Strings(r["insutypes"]),
        r["maxCourseDays"]?.GetValue<int>(),
        r["payableOnline"]?.GetValue<bool>() ?? true);

    private static IEnumerable<JsonObject> Objects(JsonObject root, string name) =>
        (root[name] as JsonArray ?? []).Select(n => n as JsonObject ?? throw new FormatException($"{name}: objects"));

    private static Dictionary<string, T> Map<T>(JsonObject root, string name, Func<JsonNode?, T> value) =>
        (root[name] as JsonObject ?? []).ToDictionary(p => p.Key, p => value(p.Value), StringComparer.Ordinal);

    private static List<string> Strings(JsonNode? node) => node is null ? [] : [.. (node as JsonArray ?? throw new FormatException("a list of codes")).Select(n => n!.GetValue<string>())];

    private static string Text(JsonObject o, string name) => Optional(o, name) ?? throw new FormatException($"{name} is required");

    private static string? Optional(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
