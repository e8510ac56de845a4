using Microsoft.EntityFrameworkCore;
using Yibao.Storage;

namespace Yibao.Application.Designation;

/// <summary>
/// The designated institutions, by code, optionally those whose code or name contains a text, of a
/// kind, or in an agreement status; a page continues after the last code of the previous one.
/// </summary>
public sealed record ListInstitutions(string? Text = null, string? Kind = null, string? Status = null, string? After = null, int Limit = 50);

public sealed record InstitutionListItem(string FixmedinsCode, string Name, string Area, string Kind, int Level, string? ReliesOn, string AgreementStatus);

public sealed class ListInstitutionsHandler(YibaoDbContext db)
{
    public async Task<IReadOnlyList<InstitutionListItem>> HandleAsync(ListInstitutions command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var institutions = db.Institutions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(command.Text))
        {
            var text = command.Text.Trim();
            institutions = institutions.Where(i => i.FixmedinsCode.Contains(text) || i.Name.Contains(text));
        }

        if (!string.IsNullOrWhiteSpace(command.Kind))
        {
            institutions = institutions.Where(i => i.Kind == command.Kind);
        }

        if (!string.IsNullOrWhiteSpace(command.Status))
        {
            institutions = institutions.Where(i => i.AgreementStatus == command.Status);
        }

        if (!string.IsNullOrWhiteSpace(command.After))
        {
            institutions = institutions.Where(i => string.Compare(i.FixmedinsCode, command.After) > 0);
        }

        return await institutions.OrderBy(i => i.FixmedinsCode).Take(Math.Clamp(command.Limit, 1, 500))
            .Select(i => new InstitutionListItem(i.FixmedinsCode, i.Name, i.Area, i.Kind, i.Level, i.ReliesOn, i.AgreementStatus))
            .ToListAsync(ct);
    }
}
