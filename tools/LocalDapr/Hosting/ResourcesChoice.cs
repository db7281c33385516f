namespace LocalDapr.Hosting;

/// <summary>
/// Which resources (components) folders a launch uses, first rule that applies:
/// <list type="number">
/// <item><c>--resources-path</c> given: those folders, as <c>dapr run -f --resources-path</c> would.</item>
/// <item><c>--profile NAME</c> given: <c>components/NAME</c> and the shared <c>components</c> beside the run file.</item>
/// <item>the shop's own run file (its folder holds <c>SpaceOfSport.sln</c>): the <c>embedded</c> profile, since that
/// file's <c>resourcesPaths</c> name <c>components/local</c> for the Dapr CLI, with Redis.</item>
/// <item>any other run file: its own <c>resourcesPath(s)</c> (common, or per app), else its <c>components</c> folder.</item>
/// </list>
/// </summary>
public static class ResourcesChoice
{
    public const string DefaultProfile = "embedded";

    /// <summary>The folders to use for every app, or null when the run file's own <c>resourcesPaths</c> apply.</summary>
    public static IReadOnlyList<string>? Resolve(string runFilePath, string? profile, IReadOnlyList<string> resourcesPaths)
    {
        if (resourcesPaths.Count > 0) return resourcesPaths;
        var directory = Path.GetDirectoryName(Path.GetFullPath(Directory.Exists(runFilePath) ? Path.Combine(runFilePath, "dapr.yaml") : runFilePath))!;
        if (profile is null && !IsShopRunFile(directory)) return null;
        return [Path.Combine(directory, "components", profile ?? DefaultProfile), Path.Combine(directory, "components")];
    }

    private static bool IsShopRunFile(string directory) => File.Exists(Path.Combine(directory, "SpaceOfSport.sln"));
}
