using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using LocalDapr.Sidecar;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Infrastructure;

/// <summary>
/// A private <c>redis-server</c> a test can kill (SIGKILL) and start again on the same port with the data it had: an
/// append-only file synced on every write, so a broker that comes back still holds its streams and consumer groups.
/// </summary>
public sealed class RestartableRedis : IAsyncDisposable
{
    private readonly int _port = FreePort.Next();
    private readonly string _directory = Directory.CreateTempSubdirectory("redis-").FullName;
    private Process? _server;

    public string Address => $"127.0.0.1:{_port}";

    public static async Task<RestartableRedis> StartAsync()
    {
        var redis = new RestartableRedis();
        await redis.StartAgainAsync();
        return redis;
    }

    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--port", _port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory, "--save", "",
            "--appendonly", "yes", "--appendfsync", "always" })
        {
            info.ArgumentList.Add(arg);
        }

        _server = Process.Start(info)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await Eventually.UntilAsync(() => Accepts(_port), $"redis-server on port {_port}");
    }

    public async Task KillAsync()
    {
        if (_server is null) return;
        _server.Kill();
        await _server.WaitForExitAsync();
        _server.Dispose();
        _server = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var probe = new TcpClient("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
