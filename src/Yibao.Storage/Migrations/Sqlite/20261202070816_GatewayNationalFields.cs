using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GatewayNationalFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "naty",
                table: "persons",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "rx_circ_flag",
                table: "fee_lines",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "rxno",
                table: "fee_lines",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "child_medicine",
                table: "catalogue_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "chrgitm_type",
                table: "catalogue_entries",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "essential_medicine",
                table: "catalogue_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "negotiated_drug",
                table: "catalogue_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "restricted_use",
                table: "catalogue_entries",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "special_item",
                table: "catalogue_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "naty",
                table: "persons");

            migrationBuilder.DropColumn(
                name: "rx_circ_flag",
                table: "fee_lines");

            migrationBuilder.DropColumn(
                name: "rxno",
                table: "fee_lines");

            migrationBuilder.DropColumn(
                name: "child_medicine",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "chrgitm_type",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "essential_medicine",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "negotiated_drug",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "restricted_use",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "special_item",
                table: "catalogue_entries");
        }
    }
}
