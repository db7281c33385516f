using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using LocalDapr.Sidecar;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace SpaceOfSport.BuildingBlocks.Tests.Hosting;

// Issue 9, item 4: an app bound to every interface is reachable around its sidecar, so apps listen on loopback unless
// APP_LISTEN_ADDRESS says otherwise (a container sets 0.0.0.0).
public sealed class AppPortTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_app_listens_on_loopback_only_by_default(bool h2c)
    {
        var port = FreePort.Next();
        await using var app = await StartAsync(port, listenAddress: null, h2c);

        Addresses(app).Should().Equal($"http://localhost:{port}");
        (await AcceptsAsync(IPAddress.Loopback, port)).Should().BeTrue();
        if (OtherAddress() is { } other) (await AcceptsAsync(other, port)).Should().BeFalse($"{other} is not loopback");
    }

    [Fact]
    public async Task A_container_opens_every_interface_with_APP_LISTEN_ADDRESS()
    {
        var port = FreePort.Next();
        await using var app = await StartAsync(port, listenAddress: "0.0.0.0", h2c: true);

        Addresses(app).Should().Equal($"http://0.0.0.0:{port}");
        (await AcceptsAsync(IPAddress.Loopback, port)).Should().BeTrue();
        if (OtherAddress() is { } other) (await AcceptsAsync(other, port)).Should().BeTrue();
    }

    [Theory]
    [InlineData(null, null, "http://localhost:5101")]
    [InlineData("6000", null, "http://localhost:6000")]
    [InlineData("6000", "0.0.0.0", "http://0.0.0.0:6000")]
    [InlineData(null, "::", "http://[::]:5101")]
    public void The_listen_url_comes_from_APP_PORT_and_APP_LISTEN_ADDRESS(string? port, string? address, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AppPort.Setting] = port,
            [AppPort.ListenAddressSetting] = address,
        }).Build();

        AppPort.ListenUrl(configuration, defaultPort: 5101).Should().Be(expected);
    }

    private static async Task<WebApplication> StartAsync(int port, string? listenAddress, bool h2c)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AppPort.Setting] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [AppPort.ListenAddressSetting] = listenAddress,
        });
        if (h2c) builder.ServeH2cOnAppPort(defaultPort: 1);
        else builder.ServeHttpOnAppPort(defaultPort: 1);
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    private static IEnumerable<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;

    /// <summary>An address of this machine that is not loopback, when it has one (CI machines do).</summary>
    private static IPAddress? OtherAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    private static async Task<bool> AcceptsAsync(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
