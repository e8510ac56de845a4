using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "settlement_day_totals",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    fund_paid = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    medfee_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_day_totals", x => new { x.day, x.area, x.dimension, x.key });
                });

            migrationBuilder.CreateTable(
                name: "settlement_day_versions",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_day_versions", x => x.day);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "settlement_day_totals");

            migrationBuilder.DropTable(
                name: "settlement_day_versions");
        }
    }
}
