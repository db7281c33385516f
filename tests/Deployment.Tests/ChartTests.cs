using k8s.Models;
using SpaceOfSport.Deployment.Tests.Infrastructure;

namespace SpaceOfSport.Deployment.Tests;

/// <summary>The charts pass helm's strict lint, and their values.schema.json refuses wrong values before anything renders.</summary>
[Collection(ChartsCollection.Name)]
public sealed class ChartTests(Renderings charts)
{
    public static TheoryData<string> Charts => [.. Directory.GetDirectories(Repository.Path("charts")).Where(d => File.Exists(Path.Combine(d, "Chart.yaml"))).Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Charts))]
    public void Every_chart_passes_strict_lint_and_has_a_values_schema(string chart)
    {
        File.Exists(Repository.Path("charts", chart, "values.schema.json")).Should().BeTrue($"{chart} needs a values.schema.json");

        var lint = Helm.Run("lint", "--strict", Repository.Path("charts", chart));

        lint.ExitCode.Should().Be(0, lint.ToString());
        lint.Output.Should().NotContain("[WARNING]").And.NotContain("[ERROR]");
    }

    [Fact]
    public void Both_environments_lint_strictly_with_their_values()
    {
        foreach (var values in new[] { "values-dev.yaml", "values-eks.yaml" })
        {
            var lint = Helm.Run("lint", "--strict", Repository.Umbrella, "-f", Path.Combine(Repository.Umbrella, values));
            lint.ExitCode.Should().Be(0, $"{values}: {lint}");
        }
    }

    [Theory]
    [InlineData("services.catalog.replicas=-1", "/services/catalog/replicas")]
    [InlineData("serviceDefaults.replicas=-3", "/serviceDefaults/replicas")]
    [InlineData("serviceDefaults.image.tag=null", "/serviceDefaults/image")]
    [InlineData("services.cart.image.tag=", "/services/cart/image/tag")]
    [InlineData("services.cart.appProtocol=grpcs", "/services/cart/appProtocol")]
    [InlineData("services.gateway.securityContext.runAsUser=0", "/services/gateway/securityContext/runAsUser")]
    public void The_schema_refuses_a_wrong_value(string set, string path)
    {
        var result = Helm.Template(["values-eks.yaml"], set);

        result.ExitCode.Should().NotBe(0, $"--set {set} must be refused");
        result.Errors.Should().Contain("values don't meet the specifications of the schema").And.Contain(path);
    }

    [Fact]
    public void A_new_service_is_one_values_entry()
    {
        var result = Helm.Template(["values-eks.yaml"], "services.reviews.appPort=5120", "services.reviews.image.repository=space-of-sport/reviews");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("name: shop-reviews").And.Contain("dapr.io/app-id: \"reviews\"").And.Contain("kind: HorizontalPodAutoscaler");
    }

    [Fact]
    public void On_eks_the_gateway_is_published_through_an_alb_with_tls_from_acm()
    {
        var ingress = charts.Eks.OfType<V1Ingress>().Should().ContainSingle().Subject;
        ingress.Spec.IngressClassName.Should().Be("alb");
        ingress.Annotations().Should().Contain("alb.ingress.kubernetes.io/scheme", "internet-facing")
            .And.Contain("alb.ingress.kubernetes.io/target-type", "ip")
            .And.Contain("alb.ingress.kubernetes.io/ssl-redirect", "443")
            .And.ContainKey("alb.ingress.kubernetes.io/listen-ports");
        ingress.Annotations()["alb.ingress.kubernetes.io/certificate-arn"].Should().StartWith("arn:aws:acm:");

        var backend = ingress.Spec.Rules.Single().Http.Paths.Single().Backend.Service;
        var gateway = charts.Eks.DeploymentOf("gateway")!;
        backend.Name.Should().Be(gateway.Name());
        backend.Port.Number.Should().Be(8080);
        charts.Dev.OfType<V1Ingress>().Should().BeEmpty("Tilt forwards a port to the gateway instead");
    }

    [Fact]
    public void The_values_files_hold_no_secret()
    {
        foreach (var file in Directory.GetFiles(Repository.Path("charts"), "values*.yaml", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(file).Where(l => !l.TrimStart().StartsWith('#')))
            {
                line.Should().NotMatchRegex(@"(?i)(password|apikey|api_key|privatekey|sk_live_|sk_test_|whsec_)\s*[:=]\s*\S", Path.GetFileName(file));
                line.Should().NotMatchRegex(@"-----BEGIN", Path.GetFileName(file));
            }
        }
    }
}
