using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SpaceOfSport.Deployment.Tests.Infrastructure;

/// <summary>The apps of dapr.yaml (Dapr's multi-app run file): what the charts must install.</summary>
public static class RunFile
{
    public sealed class App
    {
        [YamlMember(Alias = "appID")]
        public string AppId { get; set; } = "";

        public int AppPort { get; set; }

        public string? AppProtocol { get; set; }

        [YamlMember(Alias = "appDirPath")]
        public string AppDirPath { get; set; } = "";

        /// <summary>The app's own environment in dapr.yaml (beside the launcher's APP_PORT, DAPR_* and tokens).</summary>
        public Dictionary<string, string> Env { get; set; } = [];

        /// <summary>The protocol the sidecar speaks to the app, as dapr.yaml gives it (http unless set).</summary>
        public string Protocol => AppProtocol ?? "http";

        public override string ToString() => AppId;
    }

    public static IReadOnlyList<App> Apps { get; } = Load();

    private static List<App> Load()
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build();
        var file = deserializer.Deserialize<RunFileDocument>(File.ReadAllText(Repository.Path("dapr.yaml")));
        return file.Apps;
    }

    private sealed class RunFileDocument
    {
        public List<App> Apps { get; set; } = [];
    }
}
