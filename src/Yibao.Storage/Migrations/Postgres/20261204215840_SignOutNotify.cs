using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Postgres
{
    /// <summary>
    /// Every sign-out of a gateway session (9002) is announced on the channel <c>yibao_sign_out</c>
    /// when its transaction commits, so that server processes listening there need not read the
    /// open sign-in on every gateway request (<see cref="Yibao.Storage.ChangeSignals"/>).
    /// </summary>
    public partial class SignOutNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_sign_out() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('yibao_sign_out', OLD.sign_no);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER gateway_signed_out AFTER UPDATE OR DELETE ON gateway_sign_ins
                    FOR EACH ROW EXECUTE FUNCTION notify_sign_out();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER gateway_signed_out ON gateway_sign_ins;
                DROP FUNCTION notify_sign_out();
                """);
        }
    }
}
