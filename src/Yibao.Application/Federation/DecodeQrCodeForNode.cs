using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yibao.Application.ECertificates;
using Yibao.Application.Persons;
using Yibao.Domain;
using Yibao.Domain.Persons;
using Yibao.Storage;
using Yibao.Storage.Entities;

namespace Yibao.Application.Federation;

/// <summary>
/// A certificate's QR code this node issued, scanned at another node's institution (through the hub).
/// Only this node can check it: it is checked here, used up here (each code decodes once, wherever it
/// is scanned), and answered with the person, whom the treatment node keeps as a guest and issues its
/// own ecToken for. The read is recorded as the scanning institution's, at its node.
/// </summary>
public sealed record DecodeQrCodeForNode(RemoteQrDecode Decode, string TreatmentNode);

public sealed class DecodeQrCodeForNodeHandler(YibaoDbContext db, QrCodes qrCodes, WriteGate gate, IOptions<YibaoOptions> options, TimeProvider clock)
{
    public async Task<Result<RemotePerson>> HandleAsync(DecodeQrCodeForNode command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (qrCode, institution) = command.Decode;
        if (string.IsNullOrWhiteSpace(qrCode) || string.IsNullOrWhiteSpace(institution) || institution.Length > 30)
        {
            return FederationErrors.Invalid.With("A QR decode names the code and the institution (at most 30 characters).");
        }

        if (qrCodes.Read(qrCode, out var reason) is not { } claims)
        {
            return PersonErrors.QrInvalid.With(reason);
        }

        var person = await db.Persons.AsNoTracking().Include(p => p.Chronic).Include(p => p.Filings).FirstOrDefaultAsync(p => p.PsnNo == claims.PsnNo, ct);
        if (person is null || !options.Value.Federation.Serves(person.Area))
        {
            return PersonErrors.QrInvalid.With("The QR code names no insured person.");
        }

        var now = clock.GetUtcNow();
        db.EcQrUses.Add(new EcQrUseRow { QrNonce = claims.Nonce, FixmedinsCode = institution, UsedAt = now });
        try
        {
            await PersonReads.RecordAsync(db, gate, new PersonReader("institution", $"{institution}@{command.TreatmentNode}", "federation"), person.PsnNo, "qr-decode", now, ct);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Used up here before (a second scan, at any node): the code's nonce is kept once.
            return QrCodes.Used;
        }

        return RemotePerson.Of(person);
    }
}
