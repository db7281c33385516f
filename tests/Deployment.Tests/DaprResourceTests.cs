using k8s.Models;
using SpaceOfSport.Deployment.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace SpaceOfSport.Deployment.Tests;

/// <summary>
/// The Dapr resources the chart installs come from components/ itself (https://docs.dapr.io/reference/resource-specs/):
/// on EKS exactly components/aws plus the shared files, each component scoped, with secrets only by reference.
/// </summary>
[Collection(ChartsCollection.Name)]
public sealed class DaprResourceTests(Renderings charts)
{
    private static readonly string[] SecretishMetadata = ["password", "secret", "token", "connectionstring", "accesskey", "secretkey", "sessiontoken", "apikey"];

    private static IEnumerable<(string File, YamlMappingNode Document)> Sources(string profile) =>
        Directory.GetFiles(Repository.Path("components"), "*.yaml")
            .Concat(Directory.GetFiles(Repository.Path("components", profile), "*.yaml"))
            .SelectMany(file => YamlDocuments.ParseFile(file).Select(document => (Path.GetRelativePath(Repository.Root, file), document)));

    private static IEnumerable<YamlMappingNode> DaprDocuments(RenderedChart chart) =>
        chart.Documents.Where(d => d.Children.TryGetValue(new YamlScalarNode("apiVersion"), out var version) && version.ToString().StartsWith("dapr.io/", StringComparison.Ordinal));

    [Fact]
    public void What_eks_gets_equals_components_aws_and_the_shared_files()
    {
        var rendered = DaprDocuments(charts.Eks).ToDictionary(d => (d.Kind(), d.Name()));
        var sources = Sources("aws").ToList();

        rendered.Keys.Should().BeEquivalentTo(sources.Select(s => (s.Document.Kind(), s.Document.Name())), "the chart renders every file and nothing else");
        foreach (var (file, source) in sources)
        {
            YamlDocuments.Canonical(rendered[(source.Kind(), source.Name())]).Should().Be(YamlDocuments.Canonical(source),
                $"the {source.Kind()} '{source.Name()}' installed on EKS must be {file} as it is");
        }
    }

    [Fact]
    public void The_dev_cluster_gets_components_local_with_its_hosts_pointed_into_the_cluster()
    {
        var rendered = DaprDocuments(charts.Dev).Select(d => (d.Kind(), d.Name()));
        rendered.Should().BeEquivalentTo(Sources("local").Select(s => (s.Document.Kind(), s.Document.Name())));
        foreach (var component in charts.Dev.Components.Where(c => c.MetadataValue("redisHost") is not null))
            component.MetadataValue("redisHost").Should().Be("redis:6379", $"{component.Metadata.Name} must reach the cluster's Redis, not localhost");
    }

    [Fact]
    public void Every_component_is_scoped_to_the_apps_that_use_it()
    {
        foreach (var chart in charts.Both)
        {
            chart.Components.Should().NotBeEmpty();
            foreach (var component in chart.Components)
                component.Scopes.Should().NotBeNullOrEmpty($"{component.Metadata.Name} in {chart} must name the apps that may load it");
        }
    }

    [Fact]
    public void No_component_carries_a_literal_secret()
    {
        foreach (var chart in charts.Both)
        {
            foreach (var component in chart.Components)
            {
                foreach (var item in component.Spec.Metadata ?? [])
                {
                    // A path to a secrets file names where secrets are, which is no secret.
                    var pointer = item.Name.EndsWith("File", StringComparison.Ordinal) || item.Name.EndsWith("Path", StringComparison.Ordinal);
                    if (pointer || !SecretishMetadata.Any(word => item.Name.Contains(word, StringComparison.OrdinalIgnoreCase))) continue;
                    item.Value.Should().BeNullOrEmpty($"{component.Metadata.Name}.{item.Name} in {chart} must be a secretKeyRef");
                }

                if (component.Spec.Metadata?.Any(m => m.SecretKeyRef is not null) == true)
                    component.Auth?.SecretStore.Should().NotBeNullOrEmpty($"{component.Metadata.Name} reads secrets, so it must name its secret store");
            }
        }
    }

    [Fact]
    public void Components_aws_covers_every_building_block_with_iam_roles_for_credentials()
    {
        var components = charts.Eks.Components.ToDictionary(c => c.Metadata.Name);
        components["statestore"].Spec.Type.Should().Be("state.aws.dynamodb");
        components["actorstore"].MetadataValue("actorStateStore").Should().Be("true");
        components["pubsub"].Spec.Type.Should().Be("pubsub.aws.snssqs");
        components["pubsub-broadcast"].Spec.Type.Should().Be("pubsub.aws.snssqs");
        components["email"].Spec.Type.Should().Be("bindings.aws.ses");
        components["sms"].Spec.Type.Should().Be("bindings.aws.sns");
        components["secretstore"].Spec.Type.Should().Be("secretstores.aws.secretmanager");
        foreach (var queue in new[] { "stripe-events", "delivery-events" })
        {
            components[queue].Spec.Type.Should().Be("bindings.aws.sqs");
            components[queue].MetadataValue("direction").Should().Be("input");
        }

        components.Values.Where(c => c.Spec.Type == "bindings.cron").Select(c => c.Metadata.Name)
            .Should().Contain(["flash-sale-schedule", "reservation-sweep-schedule", "cart-abandonment-schedule"]);
        foreach (var component in components.Values)
        {
            component.Spec.Metadata?.Select(m => m.Name).Should().NotContain(["accessKey", "secretKey", "sessionToken"],
                $"{component.Metadata.Name} gets AWS credentials from the pod's IAM role (IRSA), never from keys");
        }
    }

    [Fact]
    public void Every_aws_component_file_names_the_aws_resource_it_expects()
    {
        foreach (var file in Directory.GetFiles(Repository.Path("components", "aws"), "*.yaml"))
        {
            var comment = string.Join(' ', File.ReadLines(file).TakeWhile(line => line.StartsWith('#')));
            comment.Should().Contain("AWS resource", $"{Path.GetFileName(file)} should say, in its leading comment, what it expects in the account");
        }
    }

    [Fact]
    public void Replicas_that_keep_state_in_memory_each_get_every_event_through_pubsub_broadcast()
    {
        foreach (var chart in charts.Both)
        {
            var broadcast = chart.Components.Single(c => c.Metadata.Name == "pubsub-broadcast");
            broadcast.MetadataValue("consumerID").Should().Contain("{podName}", $"in {chart}: one consumer group per pod");
            broadcast.Scopes.Should().Contain("catalog");

            var shared = chart.Components.Single(c => c.Metadata.Name == "pubsub");
            shared.MetadataValue("consumerID").Should().BeNull($"in {chart}: replicas of an app compete for the shared pubsub's events");
        }
    }

    [Fact]
    public void Dapr_resources_carry_no_namespace_so_they_land_in_the_release_namespace()
    {
        foreach (var chart in charts.Both)
        {
            foreach (var resource in chart.Components.Select(c => c.Metadata).Concat(chart.OfType<DaprResource>().Select(r => r.Metadata)))
                resource.NamespaceProperty.Should().BeNull(resource.Name);
        }
    }
}
