using LocalDapr.Sidecar;

namespace SpaceOfSport.TestSupport;

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
        System.Diagnostics.Process server;
        try
        {
            server = ServerProcess.Start("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: install it (apt-get install redis-server) or set TEST_REDIS_HOST", e);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
        ServerProcess.WaitForPort(port, "redis-server");
        return $"127.0.0.1:{port}";
    }
}
