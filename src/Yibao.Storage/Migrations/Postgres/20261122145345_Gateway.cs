using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Gateway : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gateway_credentials",
                columns: table => new
                {
                    paasid = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    fixmedins_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    token_ciphertext = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    token_fingerprint = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gateway_credentials", x => x.paasid);
                    table.ForeignKey(
                        name: "fk_gateway_credentials_institutions_fixmedins_code",
                        column: x => x.fixmedins_code,
                        principalTable: "institutions",
                        principalColumn: "fixmedins_code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "gateway_nonces",
                columns: table => new
                {
                    paasid = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    nonce = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gateway_nonces", x => new { x.paasid, x.nonce });
                });

            migrationBuilder.CreateTable(
                name: "gateway_sign_ins",
                columns: table => new
                {
                    sign_no = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    fixmedins_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    opter = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    signed_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    signed_out_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gateway_sign_ins", x => x.sign_no);
                    table.ForeignKey(
                        name: "fk_gateway_sign_ins_institutions_fixmedins_code",
                        column: x => x.fixmedins_code,
                        principalTable: "institutions",
                        principalColumn: "fixmedins_code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_gateway_credentials_fixmedins_code",
                table: "gateway_credentials",
                column: "fixmedins_code");

            migrationBuilder.CreateIndex(
                name: "ix_gateway_nonces_expires_at",
                table: "gateway_nonces",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_gateway_sign_ins_fixmedins_code",
                table: "gateway_sign_ins",
                column: "fixmedins_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gateway_credentials");

            migrationBuilder.DropTable(
                name: "gateway_nonces");

            migrationBuilder.DropTable(
                name: "gateway_sign_ins");
        }
    }
}
