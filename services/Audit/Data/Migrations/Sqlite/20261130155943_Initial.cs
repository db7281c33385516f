using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpaceOfSport.Audit.Data.Migrations.Sqlite
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
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    HeadHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Jws = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_checkpoints", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    BeforeDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AfterDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SourceEventId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
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

            // Append-only: the database itself refuses to change or remove what the ledger recorded (an owner can drop
            // these triggers; Verify and the signed checkpoints then still show the change).
            foreach (var table in new[] { "ledger_entries", "ledger_checkpoints" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_refuse_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only: UPDATE refused'); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_refuse_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only: DELETE refused'); END;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_checkpoints");

            migrationBuilder.DropTable(
                name: "ledger_entries");
        }
    }
}
