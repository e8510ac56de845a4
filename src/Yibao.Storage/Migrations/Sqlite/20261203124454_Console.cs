using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Console : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "acct_used_flag",
                table: "settlements",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "retired",
                table: "settlements",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "catalogue_imports",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    skip_bad = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    processed = table.Column<long>(type: "INTEGER", nullable: false),
                    records = table.Column<int>(type: "INTEGER", nullable: false),
                    problems = table.Column<string>(type: "TEXT", nullable: true),
                    bad_records = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: true),
                    content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalogue_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "policy_drafts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    insutype = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    base_revision = table.Column<int>(type: "INTEGER", nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    published_revision = table.Column<int>(type: "INTEGER", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_drafts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "policy_revisions",
                columns: table => new
                {
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    insutype = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false),
                    loaded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_revisions", x => new { x.area, x.insutype, x.year, x.revision });
                });

            migrationBuilder.CreateTable(
                name: "settlement_day_totals",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    fund_paid = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    medfee_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_day_totals", x => new { x.day, x.area, x.dimension, x.key });
                });

            migrationBuilder.CreateTable(
                name: "settlement_day_versions",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_day_versions", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "simulation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    draft_id = table.Column<long>(type: "INTEGER", nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    processed = table.Column<long>(type: "INTEGER", nullable: false),
                    report = table.Column<string>(type: "TEXT", nullable: true),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_simulation_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_simulation_runs_policy_drafts_draft_id",
                        column: x => x.draft_id,
                        principalTable: "policy_drafts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Policies loaded before revisions were kept start their history at their current revision.
            migrationBuilder.Sql("INSERT INTO policy_revisions (area, insutype, year, revision, document, loaded_by, loaded_at) SELECT area, insutype, year, revision, document, 'migration', loaded_at FROM policies");

            migrationBuilder.CreateIndex(
                name: "ix_catalogue_imports_status",
                table: "catalogue_imports",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_policy_drafts_area_insutype_year",
                table: "policy_drafts",
                columns: new[] { "area", "insutype", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_simulation_runs_draft_id",
                table: "simulation_runs",
                column: "draft_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalogue_imports");

            migrationBuilder.DropTable(
                name: "policy_revisions");

            migrationBuilder.DropTable(
                name: "settlement_day_totals");

            migrationBuilder.DropTable(
                name: "settlement_day_versions");

            migrationBuilder.DropTable(
                name: "simulation_runs");

            migrationBuilder.DropTable(
                name: "policy_drafts");

            migrationBuilder.DropColumn(
                name: "acct_used_flag",
                table: "settlements");

            migrationBuilder.DropColumn(
                name: "retired",
                table: "settlements");
        }
    }
}
