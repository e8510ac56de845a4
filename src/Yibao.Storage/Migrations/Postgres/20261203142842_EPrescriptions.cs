using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yibao.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EPrescriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "drug_traces",
                columns: table => new
                {
                    drug_trac_codg = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    hi_rxno = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    setl_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    fixmedins_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    med_list_codg = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_drug_traces", x => x.drug_trac_codg);
                });

            migrationBuilder.CreateTable(
                name: "prescription_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    hi_rxno = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    door = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(12)", maxLength: 12, nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    fraud = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prescription_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "prescription_passes",
                columns: table => new
                {
                    pass = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    psn_no = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    hi_rxno = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    fixmedins_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prescription_passes", x => x.pass);
                });

            migrationBuilder.CreateTable(
                name: "prescriptions",
                columns: table => new
                {
                    hi_rxno = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    rx_trace_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    fixmedins_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    mdtrt_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    psn_no = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    med_type = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    prescriber_level = table.Column<int>(type: "integer", nullable: false),
                    biz_type_code = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    rx_exra_attr_code = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    prsc_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    vali_end_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    max_rept_cnt = table.Column<int>(type: "integer", nullable: false),
                    min_inrv_days = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    dispensings = table.Column<int>(type: "integer", nullable: false),
                    last_dispensed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    held_by = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    held_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    content = table.Column<string>(type: "text", nullable: false),
                    rx_file = table.Column<string>(type: "text", nullable: true),
                    sign_digest = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    sign_cert_sn = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    sign_certificate = table.Column<string>(type: "text", nullable: true),
                    rx_chk_stas_codg = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    rx_chk_opnn = table.Column<string>(type: "text", nullable: true),
                    rx_chk_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rx_chk_phar_name = table.Column<string>(type: "text", nullable: true),
                    delv_stas_codg = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    setl_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    prechecked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prescriptions", x => x.hi_rxno);
                    table.ForeignKey(
                        name: "fk_prescriptions_institutions_fixmedins_code",
                        column: x => x.fixmedins_code,
                        principalTable: "institutions",
                        principalColumn: "fixmedins_code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_prescriptions_persons_psn_no",
                        column: x => x.psn_no,
                        principalTable: "persons",
                        principalColumn: "psn_no",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_drug_traces_hi_rxno",
                table: "drug_traces",
                column: "hi_rxno");

            migrationBuilder.CreateIndex(
                name: "ix_prescription_events_fraud_at",
                table: "prescription_events",
                columns: new[] { "fraud", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_prescription_events_hi_rxno_id",
                table: "prescription_events",
                columns: new[] { "hi_rxno", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_prescriptions_fixmedins_code_prsc_time",
                table: "prescriptions",
                columns: new[] { "fixmedins_code", "prsc_time" });

            migrationBuilder.CreateIndex(
                name: "ix_prescriptions_psn_no_prsc_time",
                table: "prescriptions",
                columns: new[] { "psn_no", "prsc_time" });

            migrationBuilder.CreateIndex(
                name: "ix_prescriptions_rx_trace_code",
                table: "prescriptions",
                column: "rx_trace_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_prescriptions_status",
                table: "prescriptions",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "drug_traces");

            migrationBuilder.DropTable(
                name: "prescription_events");

            migrationBuilder.DropTable(
                name: "prescription_passes");

            migrationBuilder.DropTable(
                name: "prescriptions");
        }
    }
}
