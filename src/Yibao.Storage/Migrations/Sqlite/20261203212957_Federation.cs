using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Federation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "federation_decisions",
                columns: table => new
                {
                    msg_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    setl_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    insured_area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_federation_decisions", x => x.msg_id);
                });

            migrationBuilder.CreateTable(
                name: "federation_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    msg_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    setl_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    treatment_node = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    psn_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    insured_area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    treatment_area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    benefit_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    medfee_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    fund_pay_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    acct_pay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    deductible_delta = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    fund_delta = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    answer = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_federation_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "federation_keys",
                columns: table => new
                {
                    key_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    private_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    public_key = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_federation_keys", x => x.key_id);
                });

            migrationBuilder.CreateTable(
                name: "federation_peers",
                columns: table => new
                {
                    peer_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    base_url = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    areas = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    public_key = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    previous_public_key = table.Column<string>(type: "TEXT", maxLength: 140, nullable: true),
                    rotated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    added_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_federation_peers", x => x.peer_id);
                });

            migrationBuilder.CreateTable(
                name: "hub_journal",
                columns: table => new
                {
                    msg_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    setl_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    treatment_node = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    insured_area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    treatment_area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    medfee_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    fund_pay_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    acct_pay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    psn_cash_pay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    routed_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    routed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hub_journal", x => x.msg_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_federation_entries_msg_id",
                table: "federation_entries",
                column: "msg_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_federation_entries_setl_id",
                table: "federation_entries",
                column: "setl_id");

            migrationBuilder.CreateIndex(
                name: "ix_federation_entries_status",
                table: "federation_entries",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_hub_journal_routed_date_status",
                table: "hub_journal",
                columns: new[] { "routed_date", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_hub_journal_setl_id",
                table: "hub_journal",
                column: "setl_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "federation_decisions");

            migrationBuilder.DropTable(
                name: "federation_entries");

            migrationBuilder.DropTable(
                name: "federation_keys");

            migrationBuilder.DropTable(
                name: "federation_peers");

            migrationBuilder.DropTable(
                name: "hub_journal");
        }
    }
}
