using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpaceOfSport.Identity.Data.Migrations.Sqlite
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
                type: "TEXT",
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
