using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yibao.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "supervision_findings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    jr_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    stage = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    rule_id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rule_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    severity = table.Column<int>(type: "integer", nullable: false),
                    blocking = table.Column<bool>(type: "boolean", nullable: false),
                    mdtrt_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    setl_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    psn_no = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    fixmedins_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    content = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    evidence = table.Column<string>(type: "text", nullable: false),
                    parameters = table.Column<string>(type: "text", nullable: false),
                    found_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    finding_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    task_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    dspo_way = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    dspo_way_rea = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    dspo_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_findings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_knowledge",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    area = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    document = table.Column<string>(type: "text", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    loaded_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_knowledge", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_findings_finding_key",
                table: "supervision_findings",
                column: "finding_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_supervision_findings_jr_id",
                table: "supervision_findings",
                column: "jr_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_supervision_findings_period_stage",
                table: "supervision_findings",
                columns: new[] { "period", "stage" });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_findings_rule_id_fixmedins_code",
                table: "supervision_findings",
                columns: new[] { "rule_id", "fixmedins_code" });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_findings_setl_id",
                table: "supervision_findings",
                column: "setl_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_knowledge_area_version",
                table: "supervision_knowledge",
                columns: new[] { "area", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "supervision_findings");

            migrationBuilder.DropTable(
                name: "supervision_knowledge");
        }
    }
}
