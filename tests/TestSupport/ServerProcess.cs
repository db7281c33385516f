using System.Diagnostics;
using System.Net.Sockets;

namespace SpaceOfSport.TestSupport;

/// <summary>Starts the helper programs the private test servers need, and waits for a port to accept connections.</summary>
internal static class ServerProcess
{
    /// <summary>Runs a program to completion, as <paramref name="user"/> when given (PostgreSQL refuses to run as root).</summary>
    public static void Run(string program, IEnumerable<string> arguments, string? user = null)
    {
        using var process = Process.Start(Info(program, arguments, user))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error} {output.Result}");
    }

    public static Process Start(string program, IEnumerable<string> arguments, string? user = null)
    {
        var process = Process.Start(Info(program, arguments, user))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static void WaitForPort(int port, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"{what} did not start on port {port}");
    }

    private static ProcessStartInfo Info(string program, IEnumerable<string> arguments, string? user)
    {
        var info = new ProcessStartInfo(user is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is not null)
        {
            foreach (var arg in new[] { "-u", user, "--", program }) info.ArgumentList.Add(arg);
        }

        foreach (var arg in arguments) info.ArgumentList.Add(arg);
        return info;
    }
}
