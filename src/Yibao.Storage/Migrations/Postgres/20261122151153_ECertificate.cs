using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ECertificate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ec_qr_uses",
                columns: table => new
                {
                    qr_nonce = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    fixmedins_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ec_qr_uses", x => x.qr_nonce);
                });

            migrationBuilder.CreateTable(
                name: "ec_tokens",
                columns: table => new
                {
                    ec_token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    psn_no = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    fixmedins_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    business_type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ec_tokens", x => x.ec_token);
                    table.ForeignKey(
                        name: "fk_ec_tokens_persons_psn_no",
                        column: x => x.psn_no,
                        principalTable: "persons",
                        principalColumn: "psn_no",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ec_tokens_expires_at",
                table: "ec_tokens",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_ec_tokens_psn_no",
                table: "ec_tokens",
                column: "psn_no");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ec_qr_uses");

            migrationBuilder.DropTable(
                name: "ec_tokens");
        }
    }
}
