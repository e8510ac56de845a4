using System.Text.Json.Nodes;
using Yibao.Domain.Prescriptions;
using Yibao.Storage.Entities;

namespace Yibao.Application.Prescriptions;

/// <summary>A stored prescription's signed document, read: the whole, its drugs, and a list's summary of it.</summary>
public static class PrescriptionContent
{
    /// <summary>The document; empty when what is stored is not one (tampered beyond reading: the seal says so).</summary>
    public static JsonObject Of(PrescriptionRow rx)
    {
        ArgumentNullException.ThrowIfNull(rx);
        try
        {
            return JsonNode.Parse(rx.Content) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    public static IReadOnlyList<PrescribedDrug> Drugs(PrescriptionRow rx) => PrescriptionDocument.Drugs(Of(rx));

    public static PrescriptionSummary Summary(PrescriptionRow rx, string institutionName, DateTimeOffset now) =>
        new(rx, RxStates.Shown(rx, now), Drugs(rx), institutionName);
}
