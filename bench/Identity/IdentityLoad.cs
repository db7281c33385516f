extern alias identity;

using System.Diagnostics;
using System.Globalization;
using LocalDapr;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts.Identity.V1;
using SpaceOfSport.TestSupport;
using IdentityProgram = identity::Program;

namespace SpaceOfSport.Identity.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Identity [seconds per phase, default 10]</c>. Three timed loops:
/// the password hash alone, logins per second through the real service (gRPC over h2c, SQLite), and the validation
/// of an access token as <c>AddJwtAuthentication</c> configures it (ES256, issuer, audience, lifetime).
/// </summary>
public static class IdentityLoad
{
    public static async Task Main(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var phase = TimeSpan.FromSeconds(seconds);
        Console.WriteLine($"Processors: {Environment.ProcessorCount}; phase: {phase.TotalSeconds} s");

        var iterations = new PasswordHasherOptions().IterationCount;
        Console.WriteLine($"PasswordHasher V3 (PBKDF2-HMAC-SHA512) iteration count: {iterations}");
        var hasher = new PasswordHasher<object>();
        var hash = hasher.HashPassword(new object(), "correct horse battery staple");
        var verifies = Loop(phase, () => hasher.VerifyHashedPassword(new object(), hash, "correct horse battery staple"));
        Console.WriteLine($"Hash verification, one thread: {verifies / phase.TotalSeconds:F1}/s ({phase.TotalMilliseconds / verifies:F2} ms each)");

        var components = await TestComponents.CreateFolderAsync("identity-bench", TestComponents.InMemoryPubSub);
        TestComponents.UseServiceContentRoot("Identity");
        await using var runtime = LocalDaprRuntime.Create();
        await using var service = await ServiceHost<IdentityProgram>.StartAsync(runtime, "identity", [components], new Dictionary<string, string?>
        {
            ["ConnectionStrings:identity"] = $"Data Source={Path.Combine(components, "identity.db")}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Identity:RateLimits:LoginsPerIpPerMinute"] = "100000000",
            ["Identity:RateLimits:LoginsPerAccountPerMinute"] = "100000000",
        }, http2: true);
        using var http = service.CreateHttpClient();
        var auth = new Auth.AuthClient(service.CreateGrpcChannel());
        var emails = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var email = $"bench-{i}-{Guid.NewGuid():N}@example.test";
            (await http.PostAsJsonAsync("/api/users", new { email, password = "correct horse battery staple" })).EnsureSuccessStatusCode();
            emails.Add(email);
        }

        string token = "";
        foreach (var concurrency in new[] { 1, Environment.ProcessorCount, Environment.ProcessorCount * 2 })
        {
            var count = 0L;
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
            {
                while (stopwatch.Elapsed < phase)
                {
                    var response = await auth.LoginAsync(new LoginRequest { Email = emails[worker % emails.Count], Password = "correct horse battery staple" });
                    token = response.AccessToken;
                    Interlocked.Increment(ref count);
                }
            }));
            Console.WriteLine($"Logins (gRPC, SQLite), {concurrency} concurrent: {count / stopwatch.Elapsed.TotalSeconds:F1}/s");
        }

        var jwks = new JsonWebKeySet(await http.GetStringAsync(TokenConventions.JwksPath));
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = TokenConventions.DefaultIssuer,
            ValidAudience = TokenConventions.DefaultAudience,
            ValidAlgorithms = [TokenConventions.Algorithm],
            IssuerSigningKeys = jwks.GetSigningKeys(),
            RequireSignedTokens = true,
            RequireExpirationTime = true,
        };
        var handler = new JsonWebTokenHandler { MapInboundClaims = false };
        if (!(await handler.ValidateTokenAsync(token, parameters)).IsValid) throw new InvalidOperationException("the issued token does not validate");
        var validations = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < phase)
        {
            for (var i = 0; i < 100; i++) await handler.ValidateTokenAsync(token, parameters);
            validations += 100;
        }
        Console.WriteLine($"Token validation (ES256 + issuer/audience/lifetime), one thread: {validations / watch.Elapsed.TotalSeconds:F0}/s ({watch.Elapsed.TotalMicroseconds / validations:F1} µs each)");
    }

    private static long Loop(TimeSpan duration, Action action)
    {
        var count = 0L;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            action();
            count++;
        }
        return count;
    }
}
