using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yibao.Storage.Migrations.Postgres
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
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "active");

            migrationBuilder.CreateTable(
                name: "internet_agreements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    internet_hospital = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    to = table.Column<DateOnly>(type: "date", nullable: true),
                    services = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    diseases = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
