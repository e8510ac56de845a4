using Yibao.Domain.Catalogues;
using Yibao.Domain.Institutions;
using Yibao.Domain.Persons;
using Yibao.Domain.Policies;

namespace Yibao.Domain.Settlement;

/// <summary>Everything one settlement depends on. The engine reads nothing else.</summary>
/// <param name="Policy">The insured area's policy (insured-place policy).</param>
/// <param name="Catalogue">The treatment area's catalogue (treatment-place catalogue).</param>
public sealed record SettlementInput(
    Policy Policy,
    Catalogue Catalogue,
    InsuredPerson Person,
    SettlingInstitution Institution,
    Visit Visit,
    IReadOnlyList<FeeLine> Lines);
