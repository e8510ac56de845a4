using Microsoft.EntityFrameworkCore;
using Yibao.Storage;

namespace Yibao.Application.ECertificates;

/// <summary>
/// How a person proves who they are to the patient pages. Production plugs in the national
/// medical-insurance app's real-name authentication (with face checks); the demo verifier below
/// accepts a registered ID number with the published demo code.
/// </summary>
public interface IPersonSignIn
{
    /// <returns>The person's psn_no, or null when the credentials do not prove who they are.</returns>
    Task<string?> VerifyAsync(string certno, string code, CancellationToken cancellationToken);
}

/// <summary>
/// Demo sign-in: a demo person's ID number (certno) with the code <see cref="DemoCode"/>. Only the
/// demo data set's own persons, and only while they are loaded: a person an agency loaded itself
/// can never sign in with the published code, even in a database that also holds the demo.
/// </summary>
public sealed class DemoPersonSignIn(YibaoDbContext db) : IPersonSignIn
{
    public const string DemoCode = "888888";

    private static readonly Lazy<HashSet<string>> DemoCertnos = new(() =>
        Domain.Interchange.WorldJson.ReadPersons(Reference.DemoWorld.Read("persons.json")).Value.Select(p => p.Certno).ToHashSet(StringComparer.Ordinal));

    public async Task<string?> VerifyAsync(string certno, string code, CancellationToken cancellationToken) =>
        code == DemoCode && DemoCertnos.Value.Contains(certno)
            ? await db.Persons.Where(p => p.Certno == certno).Select(p => p.PsnNo).FirstOrDefaultAsync(cancellationToken)
            : null;
}
