using Yibao.Domain.Codes;
using Yibao.Domain.Supervision;

namespace Yibao.Application.Supervision;

/// <summary>How a stored visit becomes what the rules read.</summary>
internal static class SupervisedClaims
{
    /// <summary>A pharmacy's, an inpatient or an outpatient claim; online care and cross-region care besides.</summary>
    public static Scene SceneOf(string institutionKind, string medType, bool online, string insuredArea, string treatmentArea) =>
        (institutionKind == InstitutionKind.Pharmacy.ToName() ? Scene.Pharmacy : medType == MedType.Inpatient ? Scene.Inpatient : Scene.Outpatient)
        | (online ? Scene.Internet : 0)
        | (insuredArea != treatmentArea ? Scene.CrossRegion : 0);
}
