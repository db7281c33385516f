using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Infrastructure;

/// <summary>Where the build put the programs the launcher tests start as child processes.</summary>
public static class Artifacts
{
    /// <summary>The local runtime's own entry point, copied beside the tests by the project reference.</summary>
    public static string LocalDaprDll => Path.Combine(AppContext.BaseDirectory, "LocalDapr.dll");

    /// <summary>The test app, from its own output folder (same configuration and framework as this test run).</summary>
    public static string TestAppDll => BuildOutput.Of(Path.Combine("tests", "LocalDapr.TestApp"), "LocalDapr.TestApp.dll");

    /// <summary>The public gateway, from its own output folder.</summary>
    public static string GatewayDll => BuildOutput.Of(Path.Combine("services", "Gateway"), "SpaceOfSport.Gateway.dll");

    /// <summary>The repository this test run was built from.</summary>
    public static string RepositoryRoot => BuildOutput.RepositoryRoot;
}
