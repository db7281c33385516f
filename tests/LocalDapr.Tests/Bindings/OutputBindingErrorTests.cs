using Dapr;
using Grpc.Core;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Bindings;

// Contract: https://docs.dapr.io/reference/api/bindings_api/ (invoking output bindings) and
// https://docs.dapr.io/reference/api/error_codes/ (ERR_INVOKE_OUTPUT_BINDING).
public sealed class OutputBindingErrorTests
{
    [Fact]
    public async Task Invoking_an_unknown_binding_fails_naming_it()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "binding-app", folder.Path);

        var invoke = () => app.Client.InvokeBindingAsync("no-such-binding", "create", "data");

        var error = await invoke.Should().ThrowAsync<DaprException>();
        error.Which.InnerException.Should().BeOfType<RpcException>().Which.Status.Detail.Should().Contain("no-such-binding");
    }

    [Fact]
    public async Task An_operation_the_binding_does_not_support_is_an_invalid_argument()
    {
        var root = Directory.CreateTempSubdirectory("localstorage-");
        try
        {
            using var folder = ComponentsFolder.Create(BindingComponents.LocalStorage("files", root.FullName));
            await using var runtime = LocalDaprRuntime.Create();
            await using var app = await DaprTestApp.StartAsync(runtime, "binding-app", folder.Path);

            var invoke = () => app.Client.InvokeBindingAsync("files", "update", "data");

            var error = await invoke.Should().ThrowAsync<DaprException>();
            var status = error.Which.InnerException.Should().BeOfType<RpcException>().Which.Status;
            status.StatusCode.Should().Be(StatusCode.InvalidArgument);
            status.Detail.Should().Contain("update");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
