using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "areas",
                columns: table => new
                {
                    admdvs = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    province = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_areas", x => x.admdvs);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    detail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ec_qr_uses",
                columns: table => new
                {
                    qr_nonce = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ec_qr_uses", x => x.qr_nonce);
                });

            migrationBuilder.CreateTable(
                name: "gateway_nonces",
                columns: table => new
                {
                    paasid = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    nonce = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gateway_nonces", x => new { x.paasid, x.nonce });
                });

            migrationBuilder.CreateTable(
                name: "processed_messages",
                columns: table => new
                {
                    msg_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "INTEGER", nullable: false),
                    response_body = table.Column<string>(type: "TEXT", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processed_messages", x => x.msg_id);
                });

            migrationBuilder.CreateTable(
                name: "reference_revisions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reference_revisions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalogue_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalogue_versions_areas_area",
                        column: x => x.area,
                        principalTable: "areas",
                        principalColumn: "admdvs",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "institutions",
                columns: table => new
                {
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    relies_on = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    agreement_status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false, defaultValue: "active")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_institutions", x => x.fixmedins_code);
                    table.ForeignKey(
                        name: "fk_institutions_areas_area",
                        column: x => x.area,
                        principalTable: "areas",
                        principalColumn: "admdvs",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_institutions_institutions_relies_on",
                        column: x => x.relies_on,
                        principalTable: "institutions",
                        principalColumn: "fixmedins_code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "persons",
                columns: table => new
                {
                    psn_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    gender = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    birthday = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    certno = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    insutype = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    retired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_persons", x => x.psn_no);
                    table.ForeignKey(
                        name: "fk_persons_areas_area",
                        column: x => x.area,
                        principalTable: "areas",
                        principalColumn: "admdvs",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "policies",
                columns: table => new
                {
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    insutype = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policies", x => new { x.area, x.insutype, x.year });
                    table.ForeignKey(
                        name: "fk_policies_areas_area",
                        column: x => x.area,
                        principalTable: "areas",
                        principalColumn: "admdvs",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "price_lists",
                columns: table => new
                {
                    area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_price_lists", x => x.area);
                    table.ForeignKey(
                        name: "fk_price_lists_areas_area",
                        column: x => x.area,
                        principalTable: "areas",
                        principalColumn: "admdvs",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_entries",
                columns: table => new
                {
                    version_id = table.Column<long>(type: "INTEGER", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    @class = table.Column<string>(name: "class", type: "TEXT", maxLength: 1, nullable: false),
                    selfpay_prop = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    price_cap = table.Column<decimal>(type: "TEXT", precision: 16, scale: 4, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalogue_entries", x => new { x.version_id, x.code });
                    table.ForeignKey(
                        name: "fk_catalogue_entries_catalogue_versions_version_id",
                        column: x => x.version_id,
                        principalTable: "catalogue_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "gateway_credentials",
                columns: table => new
                {
                    paasid = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    token_ciphertext = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    token_fingerprint = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
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
                name: "gateway_sign_ins",
                columns: table => new
                {
                    sign_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    opter = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    signed_in_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    signed_out_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "internet_agreements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    internet_hospital = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    services = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    diseases = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_internet_agreements", x => x.id);
                    table.ForeignKey(
                        name: "fk_internet_agreements_institutions_internet_hospital",
                        column: x => x.internet_hospital,
                        principalTable: "institutions",
                        principalColumn: "fixmedins_code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accumulators",
                columns: table => new
                {
                    psn_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    benefit_kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    deductible_paid = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    fund_paid = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accumulators", x => new { x.psn_no, x.year, x.benefit_kind });
                    table.ForeignKey(
                        name: "fk_accumulators_persons_psn_no",
                        column: x => x.psn_no,
                        principalTable: "persons",
                        principalColumn: "psn_no",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "chronic_registrations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    psn_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    disease = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chronic_registrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_chronic_registrations_persons_psn_no",
                        column: x => x.psn_no,
                        principalTable: "persons",
                        principalColumn: "psn_no",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ec_tokens",
                columns: table => new
                {
                    ec_token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    psn_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    business_type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    face_verified_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "filings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    psn_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    to_area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_filings", x => x.id);
                    table.ForeignKey(
                        name: "fk_filings_persons_psn_no",
                        column: x => x.psn_no,
                        principalTable: "persons",
                        principalColumn: "psn_no",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "personal_accounts",
                columns: table => new
                {
                    psn_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    balance = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_personal_accounts", x => x.psn_no);
                    table.ForeignKey(
                        name: "fk_personal_accounts_persons_psn_no",
                        column: x => x.psn_no,
                        principalTable: "persons",
                        principalColumn: "psn_no",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "visits",
                columns: table => new
                {
                    mdtrt_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    psn_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    med_type = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    visit_kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    online_service = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    filing = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    insured_area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    treatment_area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    disease_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    begin_time = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    visit_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visits", x => x.mdtrt_id);
                    table.ForeignKey(
                        name: "fk_visits_institutions_fixmedins_code",
                        column: x => x.fixmedins_code,
                        principalTable: "institutions",
                        principalColumn: "fixmedins_code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_visits_persons_psn_no",
                        column: x => x.psn_no,
                        principalTable: "persons",
                        principalColumn: "psn_no",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fee_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    mdtrt_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    feedetl_sn = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    price = table.Column<decimal>(type: "TEXT", precision: 16, scale: 4, nullable: false),
                    qty = table.Column<decimal>(type: "TEXT", precision: 16, scale: 4, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    fulamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    over = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    pre = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    inscp = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    chrgitm_lv = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    selfpay_prop = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    price_cap = table.Column<decimal>(type: "TEXT", precision: 16, scale: 4, nullable: true),
                    cancelled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_fee_lines_visits_mdtrt_id",
                        column: x => x.mdtrt_id,
                        principalTable: "visits",
                        principalColumn: "mdtrt_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "settlements",
                columns: table => new
                {
                    setl_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    mdtrt_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    psn_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    insutype = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    insured_area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    treatment_area = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    med_type = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    benefit_kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    filing = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    effective_level = table.Column<int>(type: "INTEGER", nullable: false),
                    ratio = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    catalogue_version = table.Column<int>(type: "INTEGER", nullable: false),
                    policy_revision = table.Column<int>(type: "INTEGER", nullable: false),
                    medfee_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    fulamt_ownpay_amt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    overlmt_selfpay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    preselfpay_amt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    inscp_scp_amt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    act_pay_dedc = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    hifp_pay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    pool_prop_selfpay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    fund_pay_sumamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    psn_part_amt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    acct_pay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    psn_cash_pay = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    balc = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    deductible_delta = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    fund_delta = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    settled_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    settlement_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    cancellation_date = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlements", x => x.setl_id);
                    table.ForeignKey(
                        name: "fk_settlements_visits_mdtrt_id",
                        column: x => x.mdtrt_id,
                        principalTable: "visits",
                        principalColumn: "mdtrt_id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "settlement_lines",
                columns: table => new
                {
                    setl_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    line_no = table.Column<int>(type: "INTEGER", nullable: false),
                    feedetl_sn = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    fulamt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    over = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    pre = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    inscp = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_lines", x => new { x.setl_id, x.line_no });
                    table.ForeignKey(
                        name: "fk_settlement_lines_settlements_setl_id",
                        column: x => x.setl_id,
                        principalTable: "settlements",
                        principalColumn: "setl_id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.InsertData(
                table: "reference_revisions",
                columns: new[] { "id", "revision" },
                values: new object[] { 1, 1L });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalogue_versions_area_version",
                table: "catalogue_versions",
                columns: new[] { "area", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chronic_registrations_psn_no",
                table: "chronic_registrations",
                column: "psn_no");

            migrationBuilder.CreateIndex(
                name: "ix_ec_tokens_expires_at",
                table: "ec_tokens",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_ec_tokens_psn_no",
                table: "ec_tokens",
                column: "psn_no");

            migrationBuilder.CreateIndex(
                name: "ix_fee_lines_mdtrt_id_feedetl_sn",
                table: "fee_lines",
                columns: new[] { "mdtrt_id", "feedetl_sn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_filings_psn_no",
                table: "filings",
                column: "psn_no");

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

            migrationBuilder.CreateIndex(
                name: "ix_institutions_area",
                table: "institutions",
                column: "area");

            migrationBuilder.CreateIndex(
                name: "ix_institutions_relies_on",
                table: "institutions",
                column: "relies_on");

            migrationBuilder.CreateIndex(
                name: "ix_internet_agreements_internet_hospital",
                table: "internet_agreements",
                column: "internet_hospital");

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

            migrationBuilder.CreateIndex(
                name: "ix_persons_area",
                table: "persons",
                column: "area");

            migrationBuilder.CreateIndex(
                name: "ix_persons_certno",
                table: "persons",
                column: "certno",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_settlements_fixmedins_code_settlement_date",
                table: "settlements",
                columns: new[] { "fixmedins_code", "settlement_date" });

            migrationBuilder.CreateIndex(
                name: "ix_settlements_mdtrt_id",
                table: "settlements",
                column: "mdtrt_id");

            migrationBuilder.CreateIndex(
                name: "ix_settlements_psn_no_year",
                table: "settlements",
                columns: new[] { "psn_no", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_visits_fixmedins_code_visit_date",
                table: "visits",
                columns: new[] { "fixmedins_code", "visit_date" });

            migrationBuilder.CreateIndex(
                name: "ix_visits_psn_no_visit_date",
                table: "visits",
                columns: new[] { "psn_no", "visit_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accumulators");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "catalogue_entries");

            migrationBuilder.DropTable(
                name: "chronic_registrations");

            migrationBuilder.DropTable(
                name: "ec_qr_uses");

            migrationBuilder.DropTable(
                name: "ec_tokens");

            migrationBuilder.DropTable(
                name: "fee_lines");

            migrationBuilder.DropTable(
                name: "filings");

            migrationBuilder.DropTable(
                name: "gateway_credentials");

            migrationBuilder.DropTable(
                name: "gateway_nonces");

            migrationBuilder.DropTable(
                name: "gateway_sign_ins");

            migrationBuilder.DropTable(
                name: "internet_agreements");

            migrationBuilder.DropTable(
                name: "payment_order_events");

            migrationBuilder.DropTable(
                name: "personal_accounts");

            migrationBuilder.DropTable(
                name: "policies");

            migrationBuilder.DropTable(
                name: "price_lists");

            migrationBuilder.DropTable(
                name: "processed_messages");

            migrationBuilder.DropTable(
                name: "reference_revisions");

            migrationBuilder.DropTable(
                name: "settlement_lines");

            migrationBuilder.DropTable(
                name: "catalogue_versions");

            migrationBuilder.DropTable(
                name: "payment_orders");

            migrationBuilder.DropTable(
                name: "settlements");

            migrationBuilder.DropTable(
                name: "visits");

            migrationBuilder.DropTable(
                name: "institutions");

            migrationBuilder.DropTable(
                name: "persons");

            migrationBuilder.DropTable(
                name: "areas");
        }
    }
}
