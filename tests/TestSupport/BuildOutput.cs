namespace SpaceOfSport.TestSupport;

/// <summary>Where the build put the programs tests start as child processes: beside the running test project's output.</summary>
public static class BuildOutput
{
    private static readonly string BinFolder = $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}";

    /// <summary>The repository this test run was built from (the folder holding <c>SpaceOfSport.sln</c>).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// <paramref name="assembly"/> in the output of the project in <paramref name="projectDirectory"/> (relative to the
    /// repository), built with the same configuration and framework as this test run (<c>bin/Debug/net10.0</c>).
    /// </summary>
    public static string Of(string projectDirectory, string assembly)
    {
        var baseDirectory = AppContext.BaseDirectory;
        var outputFolder = baseDirectory[(baseDirectory.LastIndexOf(BinFolder, StringComparison.Ordinal) + 1)..];
        return Path.Combine(RepositoryRoot, projectDirectory, outputFolder, assembly);
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SpaceOfSport.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"no SpaceOfSport.sln above {AppContext.BaseDirectory}");
    }
}
