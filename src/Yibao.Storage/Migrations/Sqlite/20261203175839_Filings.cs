using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Filings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ended_at",
                table: "filings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ended_via",
                table: "filings",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "filed_at",
                table: "filings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "filed_via",
                table: "filings",
                type: "TEXT",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ended_at",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "ended_via",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "filed_at",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "filed_via",
                table: "filings");
        }
    }
}
