using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SpaceOfSport.BuildingBlocks;

/// <summary>
/// Readiness needs the sidecar: without it the app can neither be reached nor reach state, pub/sub or other apps.
/// Probes <c>GET /v1.0/healthz</c> (https://docs.dapr.io/reference/api/health_api/).
/// </summary>
internal sealed class DaprSidecarHealthCheck(IHttpClientFactory httpClientFactory, IConfiguration configuration) : IHealthCheck
{
    public const string Name = "dapr-sidecar";

    public const string HttpClientName = "dapr-sidecar-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var endpoint = new Uri(DaprSidecar.HttpEndpoint(configuration), "/v1.0/healthz");
        try
        {
            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.GetAsync(endpoint, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"sidecar at {endpoint.Authority} is healthy")
                : HealthCheckResult.Unhealthy($"sidecar at {endpoint.Authority} answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"sidecar at {endpoint.Authority} is unreachable", e);
        }
    }
}
