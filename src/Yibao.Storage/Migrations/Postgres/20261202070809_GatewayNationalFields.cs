using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Postgres
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
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "rx_circ_flag",
                table: "fee_lines",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "rxno",
                table: "fee_lines",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "child_medicine",
                table: "catalogue_entries",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "chrgitm_type",
                table: "catalogue_entries",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "essential_medicine",
                table: "catalogue_entries",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "negotiated_drug",
                table: "catalogue_entries",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "restricted_use",
                table: "catalogue_entries",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "special_item",
                table: "catalogue_entries",
                type: "boolean",
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
