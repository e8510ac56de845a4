using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EPrescriptionKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "epc_apps",
                columns: table => new
                {
                    app_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    fixmedins_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    protected_secret = table.Column<string>(type: "text", nullable: false),
                    public_key = table.Column<string>(type: "character varying(130)", maxLength: 130, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_epc_apps", x => x.app_id);
                    table.ForeignKey(
                        name: "fk_epc_apps_institutions_fixmedins_code",
                        column: x => x.fixmedins_code,
                        principalTable: "institutions",
                        principalColumn: "fixmedins_code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "signing_keys",
                columns: table => new
                {
                    owner = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    protected_private_key = table.Column<string>(type: "text", nullable: false),
                    certificate = table.Column<string>(type: "text", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signing_keys", x => x.owner);
                });

            migrationBuilder.CreateIndex(
                name: "ix_epc_apps_fixmedins_code",
                table: "epc_apps",
                column: "fixmedins_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "epc_apps");

            migrationBuilder.DropTable(
                name: "signing_keys");
        }
    }
}
