using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OnlineServiceKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "online_service",
                table: "visits",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            // Online visits registered before services were told apart were follow-up consultations.
            migrationBuilder.Sql("UPDATE visits SET online_service = 'followUp' WHERE channel = 'online'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "online_service",
                table: "visits");
        }
    }
}
