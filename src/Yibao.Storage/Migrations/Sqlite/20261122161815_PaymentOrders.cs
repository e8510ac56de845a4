using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaymentOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payment_orders",
                columns: table => new
                {
                    pay_ord_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    pay_token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    mdtrt_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    psn_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    setl_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    medfee_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    fund_pay_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    acct_pay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    psn_cash_pay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    delivery_fee = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    cash_total = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    provider_trade_no = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    settled_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    refund_no = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_orders", x => x.pay_ord_id);
                    table.ForeignKey(
                        name: "fk_payment_orders_settlements_setl_id",
                        column: x => x.setl_id,
                        principalTable: "settlements",
                        principalColumn: "setl_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payment_orders_visits_mdtrt_id",
                        column: x => x.mdtrt_id,
                        principalTable: "visits",
                        principalColumn: "mdtrt_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payment_order_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    pay_ord_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_order_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_payment_order_events_payment_orders_pay_ord_id",
                        column: x => x.pay_ord_id,
                        principalTable: "payment_orders",
                        principalColumn: "pay_ord_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payment_order_events_pay_ord_id",
                table: "payment_order_events",
                column: "pay_ord_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_orders_mdtrt_id",
                table: "payment_orders",
                column: "mdtrt_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_orders_psn_no",
                table: "payment_orders",
                column: "psn_no");

            migrationBuilder.CreateIndex(
                name: "ix_payment_orders_setl_id",
                table: "payment_orders",
                column: "setl_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_orders_status_expires_at",
                table: "payment_orders",
                columns: new[] { "status", "expires_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payment_order_events");

            migrationBuilder.DropTable(
                name: "payment_orders");
        }
    }
}
