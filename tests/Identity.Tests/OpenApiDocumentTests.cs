using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>
/// Identity's /openapi/v1.json names and summarises every REST operation and lists every answer its typed results give,
/// problems included (the transcoded gRPC methods are described by their <c>.proto</c>).
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class OpenApiDocumentTests(IdentityHosts hosts)
{
    private static readonly string[] SignedIn = ["401"];
    private static readonly string[] RolesManager = ["401", "403"];

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["RegisterUser"] = ["201", "400", "409"],
        ["GetUserContact"] = ["200", "403", "404"],
        ["GetProfile"] = ["200", "404", .. SignedIn],
        ["UpdateProfile"] = ["200", "400", "404", .. SignedIn],
        ["DeleteAccount"] = ["204", "404", .. SignedIn],
        ["ChangePassword"] = ["204", "400", "404", .. SignedIn],
        ["ListAddresses"] = ["200", "404", .. SignedIn],
        ["AddAddress"] = ["201", "400", "404", .. SignedIn],
        ["UpdateAddress"] = ["200", "400", "404", .. SignedIn],
        ["DeleteAddress"] = ["204", "404", .. SignedIn],
        ["ListRoles"] = ["200", .. RolesManager],
        ["CreateRole"] = ["201", "400", "409", .. RolesManager],
        ["UpdateRole"] = ["200", "400", "404", "409", .. RolesManager],
        ["DeleteRole"] = ["204", "404", "409", .. RolesManager],
        ["GetUserRoles"] = ["200", "404", .. RolesManager],
        ["SetUserRoles"] = ["200", "400", "404", "409", .. RolesManager],
        ["GetOpenIdConfiguration"] = ["200"],
        ["GetJwks"] = ["200"],
        ["RotateSigningKey"] = ["200", .. RolesManager],
    };

    [Fact]
    public async Task Every_operation_is_named_summarised_and_lists_its_success_and_problem_responses()
    {
        var operations = await OpenApiOperations.LoadAsync(hosts[TestDatabases.Sqlite].Http);

        operations.Should().OnlyContain(o => !string.IsNullOrWhiteSpace(o.OperationId) && !string.IsNullOrWhiteSpace(o.Summary),
            because: "every endpoint has .WithName and .WithSummary");
        operations.Select(o => o.OperationId).Should().BeEquivalentTo(Expected.Keys, because: "a new endpoint needs its answers listed here too");
        foreach (var operation in operations)
        {
            operation.Responses.Keys.Should().BeEquivalentTo(Expected[operation.OperationId!], because: $"{operation.Method} {operation.Path} answers exactly these");
        }
    }

    [Fact]
    public async Task Every_error_response_with_a_body_is_a_problem_document()
    {
        var operations = await OpenApiOperations.LoadAsync(hosts[TestDatabases.Sqlite].Http);

        var errors = operations.SelectMany(o => o.Responses.Where(r => r.Key[0] is '4' && r.Value.Count > 0).Select(r => r.Value));
        errors.Should().NotBeEmpty().And.OnlyContain(mediaTypes => mediaTypes.Contains(OpenApiOperations.ProblemJson));
    }
}
