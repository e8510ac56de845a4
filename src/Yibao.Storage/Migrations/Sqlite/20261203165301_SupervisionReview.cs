using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SupervisionReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "deducted",
                table: "supervision_findings",
                type: "TEXT",
                precision: 16,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "first_reviewer",
                table: "supervision_findings",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "notified_on",
                table: "supervision_findings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "supervision_findings",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "review_due",
                table: "supervision_findings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_step",
                table: "supervision_findings",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "supervision_findings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "deductions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    jr_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    cleared_in = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deductions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_reviews",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    finding_id = table.Column<long>(type: "INTEGER", nullable: false),
                    jr_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    step = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    opinion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    amount = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    late = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_supervision_reviews_supervision_findings_finding_id",
                        column: x => x.finding_id,
                        principalTable: "supervision_findings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "supervision_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    rules = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    claims = table.Column<long>(type: "INTEGER", nullable: false),
                    raised = table.Column<int>(type: "INTEGER", nullable: false),
                    already_raised = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_findings_review_step_review_due",
                table: "supervision_findings",
                columns: new[] { "review_step", "review_due" });

            migrationBuilder.CreateIndex(
                name: "ix_deductions_fixmedins_code_cleared_in",
                table: "deductions",
                columns: new[] { "fixmedins_code", "cleared_in" });

            migrationBuilder.CreateIndex(
                name: "ix_deductions_jr_id",
                table: "deductions",
                column: "jr_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_supervision_reviews_finding_id",
                table: "supervision_reviews",
                column: "finding_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_runs_period",
                table: "supervision_runs",
                column: "period");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deductions");

            migrationBuilder.DropTable(
                name: "supervision_reviews");

            migrationBuilder.DropTable(
                name: "supervision_runs");

            migrationBuilder.DropIndex(
                name: "ix_supervision_findings_review_step_review_due",
                table: "supervision_findings");

            migrationBuilder.DropColumn(
                name: "deducted",
                table: "supervision_findings");

            migrationBuilder.DropColumn(
                name: "first_reviewer",
                table: "supervision_findings");

            migrationBuilder.DropColumn(
                name: "notified_on",
                table: "supervision_findings");

            migrationBuilder.DropColumn(
                name: "outcome",
                table: "supervision_findings");

            migrationBuilder.DropColumn(
                name: "review_due",
                table: "supervision_findings");

            migrationBuilder.DropColumn(
                name: "review_step",
                table: "supervision_findings");

            migrationBuilder.DropColumn(
                name: "version",
                table: "supervision_findings");
        }
    }
}
