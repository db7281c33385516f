using System.Diagnostics;
using System.Net.Sockets;
using LocalDapr.Sidecar;

namespace LocalDapr.Tests.Infrastructure;

/// <summary>
/// The Redis the tests use: TEST_REDIS_HOST when set; otherwise a private <c>redis-server</c> this test run starts on a
/// free port (so tests never touch a developer's data) and stops when the run ends.
/// </summary>
public static class RedisServer
{
    private static readonly Lazy<string> Host = new(Start);

    public static string Address => Host.Value;

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("TEST_REDIS_HOST") is { Length: > 0 } configured) return configured;
        var port = FreePort.Next();
        var info = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            info.ArgumentList.Add(arg);
        Process server;
        try
        {
            server = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: install it (apt-get install redis-server) or set TEST_REDIS_HOST", e);
        }

        server.OutputDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient("127.0.0.1", port);
                return $"127.0.0.1:{port}";
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not start on port {port}");
    }
}
