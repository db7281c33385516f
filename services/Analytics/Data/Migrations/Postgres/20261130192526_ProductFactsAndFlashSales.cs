using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpaceOfSport.Analytics.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProductFactsAndFlashSales : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "VariantId",
                table: "sku_products",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "flash_sales",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProductIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    VariantIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flash_sales", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "product_facts",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    BrandId = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    TopCategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryPath = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    SportIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    PriceMinor = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    AsOf = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_product_facts", x => x.ProductId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sku_products_VariantId",
                table: "sku_products",
                column: "VariantId");

            migrationBuilder.CreateIndex(
                name: "IX_flash_sales_StartsAt",
                table: "flash_sales",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_product_facts_TopCategoryId_Active",
                table: "product_facts",
                columns: new[] { "TopCategoryId", "Active" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "flash_sales");

            migrationBuilder.DropTable(
                name: "product_facts");

            migrationBuilder.DropIndex(
                name: "IX_sku_products_VariantId",
                table: "sku_products");

            migrationBuilder.DropColumn(
                name: "VariantId",
                table: "sku_products");
        }
    }
}
