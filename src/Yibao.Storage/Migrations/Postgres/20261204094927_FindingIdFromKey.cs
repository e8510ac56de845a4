using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FindingIdFromKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_supervision_findings_finding_key",
                table: "supervision_findings");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_supervision_findings_finding_key",
                table: "supervision_findings",
                column: "finding_key",
                unique: true);
        }
    }
}
