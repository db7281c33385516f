using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpaceOfSport.Analytics.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "co_purchases",
                columns: table => new
                {
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    other_product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    orders = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_co_purchases", x => new { x.product_id, x.other_product_id });
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VisitorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Query = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ResultCount = table.Column<int>(type: "INTEGER", nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Lines = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "product_purchases",
                columns: table => new
                {
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    orders = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_product_purchases", x => x.product_id);
                });

            migrationBuilder.CreateTable(
                name: "rollups",
                columns: table => new
                {
                    metric = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    granularity = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    bucket_start = table.Column<long>(type: "INTEGER", nullable: false),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    event_count = table.Column<long>(type: "INTEGER", nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollups", x => new { x.metric, x.granularity, x.bucket_start, x.dimension });
                });

            migrationBuilder.CreateTable(
                name: "sku_prices",
                columns: table => new
                {
                    Sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PriceMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    AsOf = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sku_prices", x => x.Sku);
                });

            migrationBuilder.CreateTable(
                name: "sku_products",
                columns: table => new
                {
                    Sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Size = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sku_products", x => x.Sku);
                });

            migrationBuilder.CreateTable(
                name: "sku_stock",
                columns: table => new
                {
                    Sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TotalAvailable = table.Column<long>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sku_stock", x => x.Sku);
                });

            migrationBuilder.CreateTable(
                name: "stock_outs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stock_outs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_events_OccurredAt",
                table: "events",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_events_UserId_OccurredAt",
                table: "events",
                columns: new[] { "UserId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_sku_products_ProductId",
                table: "sku_products",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_stock_outs_Sku_StartedAt",
                table: "stock_outs",
                columns: new[] { "Sku", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "co_purchases");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "product_purchases");

            migrationBuilder.DropTable(
                name: "rollups");

            migrationBuilder.DropTable(
                name: "sku_prices");

            migrationBuilder.DropTable(
                name: "sku_products");

            migrationBuilder.DropTable(
                name: "sku_stock");

            migrationBuilder.DropTable(
                name: "stock_outs");
        }
    }
}
