using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace SpaceOfSport.Deployment.Tests.Infrastructure;

/// <summary>What <c>helm template</c> of the umbrella chart gave for one values file, loaded as typed Kubernetes objects.</summary>
public sealed class RenderedChart
{
    private static readonly Dictionary<string, Type> DaprTypes = new()
    {
        [$"{DaprComponent.ApiGroupVersion}/Component"] = typeof(DaprComponent),
        [$"{DaprComponent.ApiGroupVersion}/Configuration"] = typeof(DaprResource),
        [$"{DaprComponent.ApiGroupVersion}/Resiliency"] = typeof(DaprResource),
        [$"{DaprComponent.ApiGroupVersion}/Subscription"] = typeof(DaprResource),
    };

    private RenderedChart(string valuesFile, string yaml)
    {
        ValuesFile = valuesFile;
        Objects = KubernetesYaml.LoadAllFromString(yaml, DaprTypes);
        Documents = YamlDocuments.Parse(yaml);
    }

    public string ValuesFile { get; }

    public IReadOnlyList<object> Objects { get; }

    /// <summary>The same documents as YAML trees, for comparing resources field by field.</summary>
    public IReadOnlyList<YamlMappingNode> Documents { get; }

    public IEnumerable<V1Deployment> Deployments => Objects.OfType<V1Deployment>();

    public IEnumerable<DaprComponent> Components => Objects.OfType<DaprComponent>();

    public IEnumerable<T> OfType<T>() => Objects.OfType<T>();

    /// <summary>The Deployment of the app <paramref name="appId"/> (by its dapr.io/app-id annotation), or null.</summary>
    public V1Deployment? DeploymentOf(string appId) =>
        Deployments.SingleOrDefault(d => d.Spec.Template.Metadata.Annotations?.TryGetValue("dapr.io/app-id", out var id) == true && id == appId);

    public static RenderedChart Render(string valuesFile)
    {
        var result = Helm.Template([valuesFile]);
        if (result.ExitCode != 0) throw new InvalidOperationException($"helm template with {valuesFile} failed: {result}");
        return new RenderedChart(valuesFile, result.Output);
    }

    public override string ToString() => ValuesFile;
}

/// <summary>Both environments' renderings, made once for every test class of the collection.</summary>
public sealed class Renderings
{
    public RenderedChart Dev { get; } = RenderedChart.Render("values-dev.yaml");

    public RenderedChart Eks { get; } = RenderedChart.Render("values-eks.yaml");

    public IEnumerable<RenderedChart> Both => [Dev, Eks];
}

[CollectionDefinition(Name)]
public sealed class ChartsCollection : ICollectionFixture<Renderings>
{
    public const string Name = "charts";
}
