using System.Text.Json;
using Yibao.Domain.Interchange;
using Yibao.Domain.Policies;

namespace Yibao.Domain.Pricing;

/// <summary>The price-list document: <c>{"area", "services": [{code, name, content, unit, description, rule, prices, follows, doctorGrade}]}</c>.</summary>
public static class PriceListJson
{
    public static Result<InternetPlusPriceList> Read(string json) => DocumentErrors.Read(json, root =>
    {
        var area = root.RequiredText("area", "$");
        if (!Areas.IsValidCode(area))
        {
            throw new MalformedDocumentException("$.area", "expected a 6-digit admdvs code");
        }

        var services = root.Required("services", "$").Items("$.services").Select(x => ReadService(x.Item, x.Path)).ToList();
        foreach (var service in services.Where(s => s.Rule == PricingRule.FollowsItem))
        {
            if (services.FirstOrDefault(s => s.Code == service.Follows) is not { Rule: PricingRule.ByLevel })
            {
                throw new MalformedDocumentException("$.services", $"{service.Code} follows {service.Follows}, which must be a service of the list priced by level");
            }
        }

        return new InternetPlusPriceList(area, services);
    });

    private static InternetPlusService ReadService(JsonElement e, string path)
    {
        var rule = e.RequiredText("rule", path) switch
        {
            "byLevel" => PricingRule.ByLevel,
            "followsItem" => PricingRule.FollowsItem,
            "selfPaid" => PricingRule.SelfPaid,
            _ => throw new MalformedDocumentException($"{path}.rule", "expected byLevel, followsItem or selfPaid"),
        };
        LevelTable? prices = null;
        if (rule == PricingRule.ByLevel)
        {
            var p = e.Required("prices", path);
            prices = new LevelTable(p.RequiredDecimal("1", $"{path}.prices"), p.RequiredDecimal("2", $"{path}.prices"), p.RequiredDecimal("3", $"{path}.prices"));
            if (prices.Level1 < 0 || prices.Level2 < 0 || prices.Level3 < 0)
            {
                throw new MalformedDocumentException($"{path}.prices", "prices must not be negative");
            }
        }

        return new InternetPlusService(
            e.RequiredText("code", path),
            e.OptionalText("name", path) ?? "",
            e.OptionalText("content", path) ?? "",
            e.OptionalText("unit", path) ?? "",
            e.OptionalText("description", path) ?? "",
            rule,
            prices,
            rule == PricingRule.FollowsItem ? e.RequiredText("follows", path) : null,
            e.OptionalText("doctorGrade", path));
    }
}
