using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Designation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "agreement_status",
                table: "institutions",
                type: "TEXT",
                maxLength: 12,
                nullable: false,
                defaultValue: "active");

            migrationBuilder.CreateTable(
                name: "internet_agreements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    internet_hospital = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    services = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    diseases = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_internet_agreements", x => x.id);
                    table.ForeignKey(
                        name: "fk_internet_agreements_institutions_internet_hospital",
                        column: x => x.internet_hospital,
                        principalTable: "institutions",
                        principalColumn: "fixmedins_code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_internet_agreements_internet_hospital",
                table: "internet_agreements",
                column: "internet_hospital");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "internet_agreements");

            migrationBuilder.DropColumn(
                name: "agreement_status",
                table: "institutions");
        }
    }
}
