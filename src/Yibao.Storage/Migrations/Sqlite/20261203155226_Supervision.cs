using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    jr_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    rule_id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    rule_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    severity = table.Column<int>(type: "INTEGER", nullable: false),
                    blocking = table.Column<bool>(type: "INTEGER", nullable: false),
                    mdtrt_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    setl_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    psn_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    content = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    evidence = table.Column<string>(type: "TEXT", nullable: false),
                    parameters = table.Column<string>(type: "TEXT", nullable: false),
                    found_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    finding_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    task_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    dspo_way = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    dspo_way_rea = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    dspo_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_findings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_knowledge",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    loaded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
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
