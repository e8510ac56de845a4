using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Storage.Migrations.Postgres
{
    /// <summary>
    /// Every move of the reference revision is announced on the channel <c>yibao_reference</c> when
    /// its transaction commits, so that server processes listening there need not read the revision
    /// on every request (<see cref="Yibao.Storage.ChangeSignals"/>).
    /// </summary>
    public partial class ReferenceRevisionNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_reference_revision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('yibao_reference', NEW.revision::text);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER reference_revision_moved AFTER UPDATE OF revision ON reference_revisions
                    FOR EACH ROW EXECUTE FUNCTION notify_reference_revision();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER reference_revision_moved ON reference_revisions;
                DROP FUNCTION notify_reference_revision();
                """);
        }
    }
}
