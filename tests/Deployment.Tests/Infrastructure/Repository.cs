namespace SpaceOfSport.Deployment.Tests.Infrastructure;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Umbrella => Path("charts", "space-of-sport");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "SpaceOfSport.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"no SpaceOfSport.sln above {AppContext.BaseDirectory}");
    }
}
