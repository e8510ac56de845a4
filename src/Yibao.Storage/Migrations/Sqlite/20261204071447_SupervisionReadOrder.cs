using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SupervisionReadOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_visits_psn_no_visit_date",
                table: "visits");

            migrationBuilder.CreateIndex(
                name: "ix_visits_psn_no_visit_date_mdtrt_id",
                table: "visits",
                columns: new[] { "psn_no", "visit_date", "mdtrt_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_visits_psn_no_visit_date_mdtrt_id",
                table: "visits");

            migrationBuilder.CreateIndex(
                name: "ix_visits_psn_no_visit_date",
                table: "visits",
                columns: new[] { "psn_no", "visit_date" });
        }
    }
}
