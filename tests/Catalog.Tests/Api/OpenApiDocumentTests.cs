using SpaceOfSport.Catalog.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Catalog.Tests.Api;

/// <summary>
/// The catalog's /openapi/v1.json describes every answer each handler can give (issue 8: typed results), so clients and
/// the gateway's API reference see the problems as well as the successes.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteCatalogHost host) : IClassFixture<SqliteCatalogHost>
{
    private static readonly string[] Read = ["200"];
    private static readonly string[] Write = ["401", "403"];
    private static readonly string[] Precondition = ["412", "428"];

    /// <summary>What each operation answers, success first; 401/403 wherever catalog:write is needed.</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["ListProducts"] = [.. Read, "400"],
        ["GetProduct"] = [.. Read, "404"],
        ["GetProductBySlug"] = [.. Read, "404"],
        ["CreateProduct"] = ["201", "400", "409", "503", .. Write],
        ["UpdateProduct"] = ["200", "400", "404", "409", .. Precondition, .. Write],
        ["DeleteProduct"] = ["204", "404", "409", .. Precondition, .. Write],
        ["ListVariants"] = [.. Read, "404"],
        ["CreateVariant"] = ["201", "400", "404", "409", .. Precondition, .. Write],
        ["UpdateVariant"] = ["200", "400", "404", "409", .. Precondition, .. Write],
        ["DeleteVariant"] = ["204", "404", "409", .. Precondition, .. Write],
        ["ListCategories"] = [.. Read, "400"],
        ["GetCategoryTree"] = Read,
        ["GetCategory"] = [.. Read, "404"],
        ["GetCategoryBreadcrumbs"] = [.. Read, "404"],
        ["CreateCategory"] = ["201", "400", "409", "422", .. Precondition, .. Write],
        ["UpdateCategory"] = ["200", "400", "404", "409", .. Precondition, .. Write],
        ["MoveCategory"] = ["200", "400", "404", "409", "422", .. Precondition, .. Write],
        ["ReorderCategory"] = ["200", "400", "404", "409", .. Precondition, .. Write],
        ["DeleteCategory"] = ["204", "404", "409", .. Precondition, .. Write],
        ["ListBrands"] = [.. Read, "400"],
        ["GetBrand"] = [.. Read, "404"],
        ["CreateBrand"] = ["201", "400", "409", .. Precondition, .. Write],
        ["UpdateBrand"] = ["200", "400", "404", "409", .. Precondition, .. Write],
        ["DeleteBrand"] = ["204", "404", "409", .. Precondition, .. Write],
        ["ListSports"] = Read,
        ["ListFlashSales"] = [.. Read, "400"],
        ["GetFlashSale"] = [.. Read, "404"],
        ["CreateFlashSale"] = ["201", "400", .. Write],
        ["UpdateFlashSale"] = ["200", "400", "404", "409", .. Precondition, .. Write],
        ["DeleteFlashSale"] = ["204", "404", "409", .. Precondition, .. Write],
        ["GetProductImage"] = [.. Read, "404"],
        ["PostGraphQL"] = [.. Read, "400"],
        ["GetGraphQL"] = [.. Read, "400"],
    };

    [Fact]
    public async Task Every_operation_is_named_summarised_and_lists_its_success_and_problem_responses()
    {
        var operations = await OpenApiOperations.LoadAsync(host.Reader);

        operations.Should().OnlyContain(o => !string.IsNullOrWhiteSpace(o.OperationId) && !string.IsNullOrWhiteSpace(o.Summary),
            because: "every endpoint has .WithName and .WithSummary");
        operations.Select(o => o.OperationId).Should().BeEquivalentTo(Expected.Keys, because: "a new endpoint needs its answers listed here too");
        foreach (var operation in operations)
        {
            operation.Responses.Keys.Should().BeEquivalentTo(Expected[operation.OperationId!], because: $"{operation.Method} {operation.Path} answers exactly these");
        }
    }

    [Fact]
    public async Task Every_error_response_in_the_document_is_a_problem_document()
    {
        var operations = await OpenApiOperations.LoadAsync(host.Reader);

        var errors = operations.SelectMany(o => o.Responses.Where(r => r.Key[0] is '4' or '5').Select(r => (Operation: $"{o.Method} {o.Path} {r.Key}", MediaTypes: r.Value)));
        errors.Should().NotBeEmpty().And.OnlyContain(e => e.MediaTypes.Contains(OpenApiOperations.ProblemJson));
    }
}
