using Dapr;
using Grpc.Core;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Secrets;

// Contract: https://docs.dapr.io/reference/api/secrets_api/,
// https://docs.dapr.io/reference/components-reference/supported-secret-stores/file-secret-store/ and
// https://docs.dapr.io/reference/components-reference/supported-secret-stores/envvar-secret-store/
public sealed class SecretStoreTests
{
    private const string SecretsJson = """
        {
          "redisPassword": "your redis password",
          "connectionStrings": { "sql": "sql connection", "mysql": "mysql connection" }
        }
        """;

    [Fact]
    public async Task A_local_file_store_flattens_nested_values_with_the_nested_separator()
    {
        using var folder = ComponentsFolder.Create();
        folder.Write("vault.yaml", SecretComponents.LocalFile("vault", folder.Write("secrets.json", SecretsJson), nestedSeparator: "."));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "secrets-app", folder.Path);

        var sql = await app.Client.GetSecretAsync("vault", "connectionStrings.sql");
        var password = await app.Client.GetSecretAsync("vault", "redisPassword");

        sql.Should().Equal(new Dictionary<string, string> { ["connectionStrings.sql"] = "sql connection" });
        password.Should().Equal(new Dictionary<string, string> { ["redisPassword"] = "your redis password" });
    }

    [Fact]
    public async Task A_multi_valued_local_file_store_answers_a_top_level_key_with_all_its_values()
    {
        using var folder = ComponentsFolder.Create();
        folder.Write("vault.yaml", SecretComponents.LocalFile("vault", folder.Write("secrets.json", SecretsJson), multiValued: true));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "secrets-app", folder.Path);

        var connectionStrings = await app.Client.GetSecretAsync("vault", "connectionStrings");
        var password = await app.Client.GetSecretAsync("vault", "redisPassword");

        connectionStrings.Should().BeEquivalentTo(new Dictionary<string, string> { ["sql"] = "sql connection", ["mysql"] = "mysql connection" });
        password.Should().Equal(new Dictionary<string, string> { ["redisPassword"] = "your redis password" });
    }

    [Fact]
    public async Task Bulk_get_answers_every_secret_of_the_store()
    {
        using var folder = ComponentsFolder.Create();
        folder.Write("vault.yaml", SecretComponents.LocalFile("vault", folder.Write("secrets.json", SecretsJson)));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "secrets-app", folder.Path);

        var all = await app.Client.GetBulkSecretAsync("vault");

        all.Should().BeEquivalentTo(new Dictionary<string, Dictionary<string, string>>
        {
            ["redisPassword"] = new() { ["redisPassword"] = "your redis password" },
            ["connectionStrings:sql"] = new() { ["connectionStrings:sql"] = "sql connection" },
            ["connectionStrings:mysql"] = new() { ["connectionStrings:mysql"] = "mysql connection" },
        });
    }

    [Fact]
    public async Task An_environment_store_with_a_prefix_sees_only_prefixed_variables_named_without_it()
    {
        var prefix = $"LDTEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "API_KEY", "key-from-env");
        try
        {
            using var folder = ComponentsFolder.Create(SecretComponents.Environment("env", prefix));
            await using var runtime = LocalDaprRuntime.Create();
            await using var app = await DaprTestApp.StartAsync(runtime, "secrets-app", folder.Path);

            var apiKey = await app.Client.GetSecretAsync("env", "API_KEY");
            var all = await app.Client.GetBulkSecretAsync("env");

            apiKey.Should().Equal(new Dictionary<string, string> { ["API_KEY"] = "key-from-env" });
            all.Keys.Should().Equal("API_KEY");
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "API_KEY", null);
        }
    }

    [Fact]
    public async Task An_unknown_store_is_an_error_naming_it()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "secrets-app", folder.Path);

        var get = () => app.Client.GetSecretAsync("no-such-store", "anything");

        var error = await get.Should().ThrowAsync<DaprException>();
        error.Which.InnerException.Should().BeOfType<RpcException>().Which.Status.Detail.Should().Contain("no-such-store");
    }

    [Fact]
    public async Task A_missing_secret_is_an_error_naming_it()
    {
        using var folder = ComponentsFolder.Create();
        folder.Write("vault.yaml", SecretComponents.LocalFile("vault", folder.Write("secrets.json", SecretsJson)));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "secrets-app", folder.Path);

        var get = () => app.Client.GetSecretAsync("vault", "noSuchSecret");

        var error = await get.Should().ThrowAsync<DaprException>();
        error.Which.InnerException.Should().BeOfType<RpcException>().Which.Status.Detail.Should().Contain("noSuchSecret");
    }
}
