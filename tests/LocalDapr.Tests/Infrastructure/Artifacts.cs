namespace LocalDapr.Tests.Infrastructure;

/// <summary>Where the build put the programs the launcher tests start as child processes.</summary>
public static class Artifacts
{
    /// <summary>The local runtime's own entry point, copied beside the tests by the project reference.</summary>
    public static string LocalDaprDll => Path.Combine(AppContext.BaseDirectory, "LocalDapr.dll");

    /// <summary>The test app, from its own output folder (same configuration and framework as this test run).</summary>
    public static string TestAppDll =>
        Path.Combine(AppContext.BaseDirectory.Replace(
            $"{Path.DirectorySeparatorChar}LocalDapr.Tests{Path.DirectorySeparatorChar}",
            $"{Path.DirectorySeparatorChar}LocalDapr.TestApp{Path.DirectorySeparatorChar}",
            StringComparison.Ordinal), "LocalDapr.TestApp.dll");
}
