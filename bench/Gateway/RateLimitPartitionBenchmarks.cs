extern alias gateway;
using System.Net;
using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.Options;
using ClientRateLimit = gateway::SpaceOfSport.Gateway.ClientRateLimit;
using GatewayOptions = gateway::SpaceOfSport.Gateway.GatewayOptions;

// dotnet run -c Release --project bench/Gateway -- --filter '*'   (BenchmarkDotNet's own options apply)
BenchmarkSwitcher.FromAssembly(typeof(SpaceOfSport.Gateway.Benchmarks.RateLimitPartitionBenchmarks).Assembly).Run(args);

namespace SpaceOfSport.Gateway.Benchmarks
{
    /// <summary>
    /// The gateway's global rate limiter runs for every request: one permit for a client address with a bucket of its
    /// own. "Previous" is the partitioner as it was until session 6 (kept here only as the baseline): two closures per
    /// request, the address as a string key, the options read through the request's services.
    /// </summary>
    [MemoryDiagnoser]
    public class RateLimitPartitionBenchmarks
    {
        private readonly DefaultHttpContext _request = new();
        private PartitionedRateLimiter<HttpContext> _previous = null!;
        private PartitionedRateLimiter<HttpContext> _current = null!;

        [GlobalSetup]
        public void Setup()
        {
            var options = new GatewayOptions();
            options.RateLimit.TokenLimit = int.MaxValue;
            options.RateLimit.TokensPerPeriod = int.MaxValue;
            _request.RequestServices = new ServiceCollection().AddSingleton(Options.Create(options)).BuildServiceProvider();
            _request.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            _request.Request.Path = "/graphql/catalog";
            _previous = Previous();
            _current = ClientRateLimit.Create(options.RateLimit);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _previous.Dispose();
            _current.Dispose();
        }

        [Benchmark(Baseline = true)]
        public bool PreviousPartitioner()
        {
            using var lease = _previous.AttemptAcquire(_request);
            return lease.IsAcquired;
        }

        [Benchmark]
        public bool CurrentPartitioner()
        {
            using var lease = _current.AttemptAcquire(_request);
            return lease.IsAcquired;
        }

        private static PartitionedRateLimiter<HttpContext> Previous() => PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (SpaceOfSport.BuildingBlocks.DaprCallbacks.Paths.Any(path => context.Request.Path.StartsWithSegments(path)))
                return RateLimitPartition.GetNoLimiter("dapr-sidecar");
            var client = context.Connection.RemoteIpAddress;
            return RateLimitPartition.GetTokenBucketLimiter(client?.ToString() ?? "unknown", _ =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.RateLimit.For(client);
                return new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.TokenLimit,
                    TokensPerPeriod = limits.TokensPerPeriod,
                    ReplenishmentPeriod = limits.ReplenishmentPeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                };
            });
        });
    }
}
