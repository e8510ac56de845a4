using Yibao.Domain.Codes;

namespace Yibao.Domain.Settlement;

/// <param name="MedType">National medical type code; unknown codes are refused, not thrown.</param>
/// <param name="UseAccount">Whether the person chose to pay from the personal account.</param>
public sealed record Visit(string MedType, Channel Channel, VisitKind VisitKind, bool UseAccount, Filing Filing);
