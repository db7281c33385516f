namespace SpaceOfSport.BuildingBlocks;

/// <summary>The probe paths every deployable maps (<c>MapDefaultEndpoints</c>) and Kubernetes and the sidecar call.</summary>
public static class HealthPaths
{
    /// <summary>Liveness: the process answers. No checks, so a slow dependency never restarts a healthy process.</summary>
    public const string Liveness = "/healthz";

    /// <summary>Readiness: every registered check, the sidecar included.</summary>
    public const string Readiness = "/readyz";
}
