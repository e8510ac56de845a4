using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Codes;
using Yibao.Storage.Entities;

namespace Yibao.Server.Features.Gateway.Transactions;

/// <summary>1101: who is this person, by e-certificate token (01), ID number (02) or social security card (03).</summary>
internal static class PersonInfo
{
    public static async Task<object?> QueryAsync(GatewayCall call, CancellationToken ct)
    {
        var data = call.Input.Block("data");
        var person = await IdentifyAsync(call, data.Text("mdtrt_cert_type", 3), data.Text("mdtrt_cert_no", 50), data.OptionalText("card_sn", 50), ct);
        var balance = await call.Db.PersonalAccounts.Where(a => a.PsnNo == person.PsnNo).Select(a => a.Balance).FirstAsync(ct);
        var on = data.OptionalTime("begntime", call.Calendar.Now.Offset) is { } begin ? call.Calendar.DateOf(begin) : call.Calendar.Today;
        return new
        {
            baseinfo = new BaseInfo(person.PsnNo, "01", person.Certno, person.Name, person.Gender, "01", GatewayFormats.Date(person.Birthday), GatewayFormats.Age(person.Birthday, on)),
            insuinfo = new[]
            {
                new InsuInfo(Insutype.HasPersonalAccount(person.Insutype) ? balance : 0m, person.Insutype, GatewayFormats.PsnType(person.Insutype, person.Retired), "1", null, null, "0", person.Area, ""),
            },
            idetinfo = person.Chronic.Select(c => new IdetInfo(c.Disease, c.Name, GatewayFormats.Date(c.From))).ToArray(),
        };
    }

    /// <summary>
    /// The person a certificate names. 01 carries an ecToken, good only while live and only at the
    /// institution that decoded the person's QR code; 02 and 03 carry the ID number (03 also the
    /// social security card's serial).
    /// </summary>
    public static async Task<PersonRow> IdentifyAsync(GatewayCall call, string certType, string certNo, string? cardSn, CancellationToken ct)
    {
        switch (certType)
        {
            case "01":
                var tokenHolder = await call.Certificates.PersonOfTokenAsync(certNo, call.Institution.FixmedinsCode, ct)
                    ?? throw new GatewayRefusal("[ectoken_invalid] The ecToken is not a live e-certificate token issued to this institution: scan the person's QR code again.");
                return await call.PersonAsync(tokenHolder, ct);
            case "03" when string.IsNullOrEmpty(cardSn):
                throw new GatewayRefusal("card_sn is required with mdtrt_cert_type 03 (social security card).");
            case "02" or "03":
                var psnNo = await call.Db.Persons.Where(p => p.Certno == certNo).Select(p => p.PsnNo).FirstOrDefaultAsync(ct)
                    ?? throw new GatewayRefusal($"No insured person with ID number {certNo}.");
                return await call.PersonAsync(psnNo, ct);
            default:
                throw new GatewayRefusal("mdtrt_cert_type must be 01 (e-certificate), 02 (ID number) or 03 (social security card).");
        }
    }
}

internal sealed record BaseInfo(string PsnNo, string PsnCertType, string Certno, string PsnName, string Gend, string Naty, string Brdy, int Age);

internal sealed record InsuInfo(decimal Balc, string Insutype, string PsnType, string PsnInsuStas, string? PsnInsuDate, string? PausInsuDate, string CvlservFlag, string InsuplcAdmdvs, string EmpName);

internal sealed record IdetInfo(string PsnIdetType, string Memo, string Begntime);
