using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Yibao.Domain.Codes;
using Yibao.Domain.Lifecycles;
using Yibao.Domain.Supervision;
using Yibao.Storage;

namespace Yibao.Application.Supervision;

/// <summary>What the claims of an institution need of it: its kind, the level it settles at, and its peer group (its own level and kind) for the statistical rules.</summary>
internal sealed record SupervisedInstitution(string Kind, int Level, string Peers);

/// <summary>
/// The settled claims of a span of days, one patient at a time, each patient's in date order: one
/// statement, read column by column as it streams (<see cref="StreamingReads"/>). A plain reader takes
/// the visit's and the patient's columns once (not on each of their lines) and allocates half of
/// what EF's materializer did.
/// </summary>
/// <remarks>
/// The statement orders visits, not lines: the visits' <c>(psn_no, visit_date, mdtrt_id)</c> index
/// gives that order with no sort, while ordering each visit's lines too made PostgreSQL sort them
/// (an incremental sort, a quarter of its time over a million claims). The reader puts each visit's
/// lines in their upload order (<c>id</c>) itself; they nearly always arrive in it.
/// </remarks>
internal static class SettledClaimStream
{
    private const string Sql = """
        SELECT v.mdtrt_id, v.psn_no, v.visit_date, v.channel, v.visit_kind, v.med_type, v.disease_code, v.fixmedins_code, v.insured_area, v.treatment_area,
               p.gender, p.birthday, p.insutype,
               l.code, l.feedetl_sn, l.name, l.price, l.qty, l.amount, l.rx_circ_flag, l.rxno, l.id
        FROM visits v
        JOIN persons p ON p.psn_no = v.psn_no
        JOIN fee_lines l ON l.mdtrt_id = v.mdtrt_id AND NOT l.cancelled
        WHERE v.status = @settled AND v.visit_date >= @since AND v.visit_date <= @last
        ORDER BY v.psn_no, v.visit_date, v.mdtrt_id
        """;

    /// <summary>
    /// The read's snapshot; on PostgreSQL without JIT (compiling the plan's expressions cost about a
    /// second before the first row, for a statement that runs once) and without parallel workers: the
    /// client, judging as it reads, is the slower side, and two more backends only took cores from it
    /// (taking turns over a million claims: 13.1–13.3 s against 13.6–15.7 s; PostgreSQL alone, one
    /// process for 6.0–6.4 s against three for about 2.7 s each).
    /// </summary>
    public static async Task<IDbContextTransaction?> SnapshotAsync(YibaoDbContext db, CancellationToken ct)
    {
        var snapshot = await StreamingReads.SnapshotAsync(db, ct);
        if (snapshot is not null)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0", ct);
        }

        return snapshot;
    }

    /// <summary>Each patient's claims from <paramref name="since"/> to <paramref name="last"/>.</summary>
    public static async IAsyncEnumerable<List<SupervisedClaim>> ReadAsync(
        YibaoDbContext db, DateOnly since, DateOnly last, IReadOnlyDictionary<string, SupervisedInstitution> institutions,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = await StreamingReads.CommandAsync(db, Sql, ct, ("@settled", VisitStatus.Settled.ToName()), ("@since", since), ("@last", last));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var patient = new List<SupervisedClaim>();
        var visit = new Visit();
        var lines = new List<SupervisedLine>();
        var ids = new List<long>();
        var (mdtrtId, psnNo, strings) = (new StreamedKey(), new StreamedKey(), new Visit.Strings());
        var (codes, names) = (new RepeatedStrings(), new RepeatedStrings());
        while (await reader.ReadAsync(ct))
        {
            if (mdtrtId.Next(reader, 0))
            {
                if (lines.Count > 0)
                {
                    patient.Add(visit.Claim(lines, institutions));
                    lines = [];
                    ids.Clear();
                }

                var samePatient = !psnNo.Next(reader, 1);
                if (!samePatient && patient.Count > 0)
                {
                    yield return patient;
                    patient = [];
                }

                visit.Next(reader, psnNo.Value!, mdtrtId.Value!, samePatient, strings);
            }

            // Columns in the order they are read: the reader need not seek back in the row.
            var code = codes.Get(reader, 13);
            // After the event a finding's evidence may span claims: each line is named by its claim and feedetl_sn.
            var line = new SupervisedLine(
                reader.GetString(14), code, reader.IsDBNull(15) ? code : names.Get(reader, 15),
                reader.GetDecimal(16), reader.GetDecimal(17), reader.GetDecimal(18), visit.Date, Rxno: reader.GetBoolean(19) && !reader.IsDBNull(20) ? reader.GetString(20) : null, Claim: visit.MdtrtId);
            var id = reader.GetInt64(21);
            var at = ids.Count;
            while (at > 0 && ids[at - 1] > id)
            {
                at--;
            }

            lines.Insert(at, line);
            ids.Insert(at, id);
        }

        if (lines.Count > 0)
        {
            patient.Add(visit.Claim(lines, institutions));
        }

        if (patient.Count > 0)
        {
            yield return patient;
        }
    }

    /// <summary>The visit being read: its columns and its patient's, read on its first line.</summary>
    private sealed class Visit
    {
        public string? PsnNo { get; private set; }
        public string? MdtrtId { get; private set; }
        public DateOnly Date { get; private set; }
        private string Channel { get; set; } = "";
        private string VisitKind { get; set; } = "";
        private string MedType { get; set; } = "";
        private string? DiseaseCode { get; set; }
        private string FixmedinsCode { get; set; } = "";
        private string InsuredArea { get; set; } = "";
        private string TreatmentArea { get; set; } = "";
        private string Gender { get; set; } = "";
        private DateOnly Birthday { get; set; }
        private string Insutype { get; set; } = "";

        /// <summary>
        /// Reads the next visit over this one (its claim is made first: one object for the read, not one
        /// per visit); the patient's columns are read again only for another patient.
        /// </summary>
        public void Next(DbDataReader r, string psnNo, string mdtrtId, bool samePatient, Strings strings)
        {
            (PsnNo, MdtrtId, Date) = (psnNo, mdtrtId, r.GetFieldValue<DateOnly>(2));
            (Channel, VisitKind, MedType) = (strings.Channel.Get(r, 3), strings.VisitKind.Get(r, 4), strings.MedType.Get(r, 5));
            DiseaseCode = r.IsDBNull(6) ? null : strings.DiseaseCode.Get(r, 6);
            (FixmedinsCode, InsuredArea, TreatmentArea) = (strings.FixmedinsCode.Get(r, 7), strings.Areas.Get(r, 8), strings.Areas.Get(r, 9));
            if (!samePatient)
            {
                (Gender, Birthday, Insutype) = (strings.Gender.Get(r, 10), r.GetFieldValue<DateOnly>(11), strings.Insutype.Get(r, 12));
            }
        }

        /// <summary>The visits' and patients' repeated values, one table per column.</summary>
        public sealed class Strings
        {
            public RepeatedStrings Channel { get; } = new();
            public RepeatedStrings VisitKind { get; } = new();
            public RepeatedStrings MedType { get; } = new();
            public RepeatedStrings DiseaseCode { get; } = new();
            public RepeatedStrings FixmedinsCode { get; } = new();
            public RepeatedStrings Areas { get; } = new();
            public RepeatedStrings Gender { get; } = new();
            public RepeatedStrings Insutype { get; } = new();
        }

        public SupervisedClaim Claim(List<SupervisedLine> lines, IReadOnlyDictionary<string, SupervisedInstitution> institutions)
        {
            var institution = institutions.GetValueOrDefault(FixmedinsCode);
            var inpatient = MedType == Domain.Codes.MedType.Inpatient;
            var online = Channel == Domain.Codes.Channel.Online.ToName();
            return new SupervisedClaim
            {
                MdtrtId = MdtrtId!,
                PsnNo = PsnNo!,
                Gender = Gender,
                Birthday = Birthday,
                Insutype = Insutype,
                InsuredArea = InsuredArea,
                FixmedinsCode = FixmedinsCode,
                Level = institution?.Level ?? 0,
                Scene = SupervisedClaims.SceneOf(institution?.Kind ?? "", MedType, online, InsuredArea, TreatmentArea),
                MedType = MedType,
                Online = online,
                FirstVisit = VisitKind == Domain.Codes.VisitKind.First.ToName(),
                Date = Date,
                Admitted = inpatient ? Date : null,
                Discharged = inpatient ? Date : null,
                Diagnoses = DiseaseCode is { } d ? [d] : [],
                Lines = lines,
            };
        }
    }
}
