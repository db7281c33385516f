using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpaceOfSport.Audit.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_checkpoints",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    HeadHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Jws = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_checkpoints", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    BeforeDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AfterDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SourceEventId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_Actor_Sequence",
                table: "ledger_entries",
                columns: new[] { "Actor", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_RecordedAt",
                table: "ledger_entries",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_SourceEventId",
                table: "ledger_entries",
                column: "SourceEventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_Subject_Sequence",
                table: "ledger_entries",
                columns: new[] { "Subject", "Sequence" });

            // Append-only, twice over. The service works as audit_ledger_writer, which may SELECT and INSERT and nothing
            // else (roles are cluster-wide: created once, granted per database). And triggers refuse UPDATE, DELETE and
            // TRUNCATE from anyone, the owner included, until the owner deliberately disables them; Verify and the signed
            // checkpoints then still show what was changed.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'audit_ledger_writer') THEN
                        CREATE ROLE audit_ledger_writer NOLOGIN;
                    END IF;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL; -- another database's migration created it at the same moment
                END
                $$;
                """);
            migrationBuilder.Sql("GRANT audit_ledger_writer TO CURRENT_USER;");
            migrationBuilder.Sql("GRANT USAGE ON SCHEMA public TO audit_ledger_writer;");
            migrationBuilder.Sql("REVOKE ALL ON ledger_entries, ledger_checkpoints FROM PUBLIC;");
            migrationBuilder.Sql("GRANT SELECT, INSERT ON ledger_entries, ledger_checkpoints TO audit_ledger_writer;");
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                """);
            foreach (var table in new[] { "ledger_entries", "ledger_checkpoints" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_refuse_change BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_refuse_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_checkpoints");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.Sql("DROP FUNCTION ledger_refuse_change();");
        }
    }
}
