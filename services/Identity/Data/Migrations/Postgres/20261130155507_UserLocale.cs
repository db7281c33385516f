using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpaceOfSport.Identity.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UserLocale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Locale",
                table: "users",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Locale",
                table: "users");
        }
    }
}
