using System.Text;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Bindings;

// Contract: https://docs.dapr.io/reference/components-reference/supported-bindings/localstorage/
// and https://docs.dapr.io/reference/api/bindings_api/ (invoking output bindings).
public sealed class LocalStorageBindingTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("localstorage-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task A_file_is_created_read_listed_and_deleted()
    {
        using var folder = ComponentsFolder.Create(BindingComponents.LocalStorage("files", _root.FullName));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "storage-app", folder.Path);
        var fileName = new Dictionary<string, string> { ["fileName"] = "orders/o-1.txt" };

        var created = await app.Client.InvokeBindingAsync<string, CreatedFile>("files", "create", "hello, local storage!", fileName);
        var read = await app.Client.InvokeBindingAsync(new BindingRequest("files", "get") { Metadata = { ["fileName"] = "orders/o-1.txt" } });
        var listed = await app.Client.InvokeBindingAsync<string?, List<string>>("files", "list", null);
        await app.Client.InvokeBindingAsync("files", "delete", (string?)null, fileName);

        created.FileName.Should().Be("orders/o-1.txt");
        Encoding.UTF8.GetString(read.Data.Span).Should().Be("hello, local storage!");
        listed.Should().Equal(Path.Combine(_root.FullName, "orders", "o-1.txt"));
        File.Exists(Path.Combine(_root.FullName, "orders", "o-1.txt")).Should().BeFalse();
        var getDeleted = () => app.Client.InvokeBindingAsync(new BindingRequest("files", "get") { Metadata = { ["fileName"] = "orders/o-1.txt" } });
        await getDeleted.Should().ThrowAsync<DaprException>();
    }

    [Fact]
    public async Task Create_without_a_file_name_picks_a_uuid()
    {
        using var folder = ComponentsFolder.Create(BindingComponents.LocalStorage("files", _root.FullName));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "storage-app", folder.Path);

        var created = await app.Client.InvokeBindingAsync<string, CreatedFile>("files", "create", "no name given");

        Guid.TryParse(created.FileName, out _).Should().BeTrue($"'{created.FileName}' should be a UUID");
        File.ReadAllText(Path.Combine(_root.FullName, created.FileName)).Should().Be("no name given");
    }

    [Fact]
    public async Task A_file_name_leading_outside_the_root_path_is_refused()
    {
        using var folder = ComponentsFolder.Create(BindingComponents.LocalStorage("files", Path.Combine(_root.FullName, "inside")));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "storage-app", folder.Path);

        var escape = () => app.Client.InvokeBindingAsync("files", "create", "sneaky", new Dictionary<string, string> { ["fileName"] = "../outside.txt" });

        var error = await escape.Should().ThrowAsync<DaprException>();
        error.Which.InnerException.Should().BeOfType<RpcException>().Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        File.Exists(Path.Combine(_root.FullName, "outside.txt")).Should().BeFalse();
    }

    [Fact]
    public async Task A_symbolic_link_leading_outside_the_root_path_is_refused()
    {
        var inside = Directory.CreateDirectory(Path.Combine(_root.FullName, "inside"));
        var outside = Directory.CreateDirectory(Path.Combine(_root.FullName, "outside"));
        Directory.CreateSymbolicLink(Path.Combine(inside.FullName, "shortcut"), outside.FullName);
        using var folder = ComponentsFolder.Create(BindingComponents.LocalStorage("files", inside.FullName));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "storage-app", folder.Path);

        var escape = () => app.Client.InvokeBindingAsync("files", "create", "sneaky", new Dictionary<string, string> { ["fileName"] = "shortcut/escaped.txt" });

        var error = await escape.Should().ThrowAsync<DaprException>();
        error.Which.InnerException.Should().BeOfType<RpcException>().Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        outside.EnumerateFiles().Should().BeEmpty();
    }

    private sealed record CreatedFile(string FileName);
}
