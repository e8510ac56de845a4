namespace Yibao.Domain.Prescriptions;

/// <summary>
/// One drug of a prescription (<c>rxdrugdetail[]</c>), as far as the platform's rules read it: the
/// catalogue code, how much is given, and the course it is for.
/// </summary>
/// <param name="MedcDays">Days of medication.</param>
/// <param name="SinDoscnt">One dose, in <paramref name="SinDosunt"/>.</param>
/// <param name="UsedFrquCodg">How often a dose is taken (e.g. <c>tid</c>).</param>
/// <param name="DrugCnt">The quantity given, in <paramref name="DrugDosunt"/>: at most this much is dispensed.</param>
public sealed record PrescribedDrug(
    string MedListCodg,
    string DrugGenname,
    int MedcDays,
    decimal SinDoscnt,
    string? SinDosunt,
    string? UsedFrquCodg,
    decimal DrugCnt,
    string? DrugDosunt);
