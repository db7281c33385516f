namespace SpaceOfSport.Gateway.DeveloperPortal;

/// <summary>
/// GraphiQL's browser bundles: by default the folder the gateway's build copies them to, next to its assembly (see
/// Gateway.csproj); <c>DeveloperPortal:GraphiQLAssets</c> names another folder.
/// </summary>
public sealed class GraphiQLAssets(IConfiguration configuration)
{
    public const string Setting = "DeveloperPortal:GraphiQLAssets";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["react.production.min.js"] = "text/javascript",
        ["react-dom.production.min.js"] = "text/javascript",
        ["graphiql.min.js"] = "text/javascript",
        ["graphiql.min.css"] = "text/css",
    };

    private readonly string _folder = configuration[Setting] is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "graphiql");

    /// <summary>Whether the build installed them (it needs npm).</summary>
    public bool Installed => ContentTypes.Keys.All(file => File.Exists(Path.Combine(_folder, file)));

    /// <summary>The file and its content type, for one of the four files the page loads; null for anything else.</summary>
    public (string Path, string ContentType)? Find(string file) =>
        ContentTypes.TryGetValue(file, out var contentType) && File.Exists(Path.Combine(_folder, file)) ? (Path.Combine(_folder, file), contentType) : null;
}
