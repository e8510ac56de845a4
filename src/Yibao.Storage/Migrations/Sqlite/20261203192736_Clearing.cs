using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Clearing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "advance_fund_movements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    change = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    balance = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_advance_fund_movements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "advance_funds",
                columns: table => new
                {
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_advance_funds", x => x.area);
                });

            migrationBuilder.CreateTable(
                name: "clearing_months",
                columns: table => new
                {
                    month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    run_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    run_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    runs = table.Column<int>(type: "INTEGER", nullable: false),
                    settlements = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clearing_months", x => x.month);
                });

            migrationBuilder.CreateTable(
                name: "split_confirmations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    msg_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false),
                    medfee_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    fund_pay_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    acct_pay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    rolled_back_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_split_confirmations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "clearing_pairs",
                columns: table => new
                {
                    month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    insured_area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    treatment_area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    settled = table.Column<long>(type: "INTEGER", nullable: false),
                    cancelled = table.Column<long>(type: "INTEGER", nullable: false),
                    medfee_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    fund_pay_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    acct_pay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    psn_cash_pay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clearing_pairs", x => new { x.month, x.insured_area, x.treatment_area });
                    table.ForeignKey(
                        name: "fk_clearing_pairs_clearing_months_month",
                        column: x => x.month,
                        principalTable: "clearing_months",
                        principalColumn: "month",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "clearing_positions",
                columns: table => new
                {
                    month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    owes = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    owed = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    advance = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    advance_usage = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    advance_required = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    advance_status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    top_up = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    deductions = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    confirmed_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clearing_positions", x => new { x.month, x.area });
                    table.ForeignKey(
                        name: "fk_clearing_positions_clearing_months_month",
                        column: x => x.month,
                        principalTable: "clearing_months",
                        principalColumn: "month",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_settlements_cancellation_date",
                table: "settlements",
                column: "cancellation_date");

            migrationBuilder.CreateIndex(
                name: "ix_advance_fund_movements_area",
                table: "advance_fund_movements",
                column: "area");

            migrationBuilder.CreateIndex(
                name: "ix_split_confirmations_fixmedins_code_month",
                table: "split_confirmations",
                columns: new[] { "fixmedins_code", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_split_confirmations_fixmedins_code_msg_id",
                table: "split_confirmations",
                columns: new[] { "fixmedins_code", "msg_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "advance_fund_movements");

            migrationBuilder.DropTable(
                name: "advance_funds");

            migrationBuilder.DropTable(
                name: "clearing_pairs");

            migrationBuilder.DropTable(
                name: "clearing_positions");

            migrationBuilder.DropTable(
                name: "split_confirmations");

            migrationBuilder.DropTable(
                name: "clearing_months");

            migrationBuilder.DropIndex(
                name: "ix_settlements_cancellation_date",
                table: "settlements");
        }
    }
}
