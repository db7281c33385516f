using k8s.Models;
using SpaceOfSport.Deployment.Tests.Infrastructure;

namespace SpaceOfSport.Deployment.Tests;

/// <summary>
/// Every app of dapr.yaml runs on Kubernetes as a Deployment beside a Dapr sidecar
/// (https://docs.dapr.io/reference/arguments-annotations-overview/), hardened and scaled the same way.
/// </summary>
[Collection(ChartsCollection.Name)]
public sealed class ServiceDeploymentTests(Renderings charts)
{
    /// <summary>Apps of dapr.yaml that exist for development only: EKS talks to the real service instead.</summary>
    private static readonly Dictionary<string, string> DevelopmentOnly = new()
    {
        ["stripe-sandbox"] = "payments talks to Stripe itself on EKS",
    };

    public static TheoryData<string> Environments => new() { "values-dev.yaml", "values-eks.yaml" };

    private RenderedChart Chart(string valuesFile) => valuesFile == charts.Dev.ValuesFile ? charts.Dev : charts.Eks;

    private static IEnumerable<RunFile.App> AppsFor(RenderedChart chart) =>
        RunFile.Apps.Where(app => chart.ValuesFile == "values-dev.yaml" || !DevelopmentOnly.ContainsKey(app.AppId));

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_app_of_the_run_file_has_a_deployment_with_its_dapr_annotations_and_port(string valuesFile)
    {
        var chart = Chart(valuesFile);
        foreach (var app in AppsFor(chart))
        {
            var deployment = chart.DeploymentOf(app.AppId);
            deployment.Should().NotBeNull(
                $"dapr.yaml runs app '{app.AppId}', so the chart must install it: add an entry 'services.{app.AppId}' to " +
                $"charts/space-of-sport/values.yaml (appPort: {app.AppPort}, appProtocol: {app.Protocol}, image.repository: space-of-sport/{app.AppId}{(app.Protocol == "h2c" ? ", probePort: 8081" : "")})");

            var annotations = deployment!.Spec.Template.Metadata.Annotations;
            annotations.Should().Contain("dapr.io/enabled", "true");
            annotations.Should().Contain("dapr.io/app-port", app.AppPort.ToString(System.Globalization.CultureInfo.InvariantCulture), $"dapr.yaml gives {app.AppId} port {app.AppPort}");
            annotations.Should().Contain("dapr.io/app-protocol", app.Protocol, $"dapr.yaml gives {app.AppId} protocol {app.Protocol}");
            annotations.Should().Contain("dapr.io/config", "spaceofsport");
            annotations.Should().ContainKeys("dapr.io/api-token-secret", "dapr.io/app-token-secret",
                "dapr.io/sidecar-cpu-request", "dapr.io/sidecar-memory-request", "dapr.io/sidecar-cpu-limit", "dapr.io/sidecar-memory-limit");
            deployment.Spec.Template.Spec.Containers.Single().Ports.Should().Contain(p => p.ContainerPort == app.AppPort && p.Name == "app");
        }
    }

    [Fact]
    public void Development_only_apps_are_not_installed_on_eks()
    {
        foreach (var (appId, reason) in DevelopmentOnly)
            charts.Eks.DeploymentOf(appId).Should().BeNull(reason);
    }

    [Fact]
    public void The_dapr_configuration_the_deployments_name_is_rendered()
    {
        foreach (var chart in charts.Both)
        {
            var configs = chart.OfType<DaprResource>().Where(r => r.Kind == "Configuration").Select(r => r.Metadata.Name);
            foreach (var deployment in chart.Deployments.Where(d => d.Spec.Template.Metadata.Annotations?.ContainsKey("dapr.io/config") == true))
                configs.Should().Contain(deployment.Spec.Template.Metadata.Annotations["dapr.io/config"], $"{deployment.Name()} in {chart}");
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_service_probes_healthz_and_readyz_over_http1(string valuesFile)
    {
        foreach (var deployment in ServiceDeployments(Chart(valuesFile)))
        {
            var container = deployment.Spec.Template.Spec.Containers.Single();
            var appPort = deployment.Spec.Template.Metadata.Annotations["dapr.io/app-port"];
            var h2c = deployment.Spec.Template.Metadata.Annotations["dapr.io/app-protocol"] == "h2c";
            container.LivenessProbe.HttpGet.Path.Should().Be("/healthz", deployment.Name());
            container.StartupProbe.HttpGet.Path.Should().Be("/healthz", deployment.Name());
            container.ReadinessProbe.HttpGet.Path.Should().Be("/readyz", deployment.Name());

            // The kubelet probes over HTTP/1.1, which an h2c app port (prior-knowledge HTTP/2 only) does not speak.
            var probePort = container.ReadinessProbe.HttpGet.Port.Value;
            if (h2c)
            {
                probePort.Should().NotBe(appPort, $"{deployment.Name()} serves only HTTP/2 on its app port");
                container.Env.Should().Contain(e => e.Name == "PROBE_PORT" && e.Value == probePort, deployment.Name());
            }
            else
            {
                probePort.Should().Be(appPort, deployment.Name());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_service_has_resources_and_a_locked_down_security_context(string valuesFile)
    {
        foreach (var deployment in ServiceDeployments(Chart(valuesFile)))
        {
            var pod = deployment.Spec.Template.Spec;
            var container = pod.Containers.Single();
            container.Resources.Requests.Should().ContainKeys(["cpu", "memory"], deployment.Name());
            container.Resources.Limits.Should().ContainKeys(["cpu", "memory"], deployment.Name());

            pod.SecurityContext.RunAsNonRoot.Should().BeTrue(deployment.Name());
            pod.SecurityContext.RunAsUser.Should().BePositive(deployment.Name());
            var security = container.SecurityContext;
            security.RunAsNonRoot.Should().BeTrue(deployment.Name());
            security.ReadOnlyRootFilesystem.Should().BeTrue(deployment.Name());
            security.AllowPrivilegeEscalation.Should().BeFalse(deployment.Name());
            security.Privileged.Should().BeFalse(deployment.Name());
            security.Capabilities.Drop.Should().Equal(["ALL"], deployment.Name());
            container.VolumeMounts.Should().Contain(m => m.MountPath == "/tmp", $"{deployment.Name()}'s root filesystem is read-only");

            pod.TopologySpreadConstraints.Select(t => t.TopologyKey).Should().BeEquivalentTo(["topology.kubernetes.io/zone", "kubernetes.io/hostname"], deployment.Name());
            pod.TopologySpreadConstraints.Should().OnlyContain(t => t.LabelSelector.MatchLabels.Count > 0 &&
                t.LabelSelector.MatchLabels.All(l => deployment.Spec.Selector.MatchLabels.Contains(l)), deployment.Name());
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_service_has_a_pdb_an_hpa_a_service_account_and_a_network_policy(string valuesFile)
    {
        var chart = Chart(valuesFile);
        foreach (var deployment in ServiceDeployments(chart))
        {
            var selector = deployment.Spec.Selector.MatchLabels;
            chart.OfType<V1PodDisruptionBudget>().Should().ContainSingle(p => p.Spec.Selector.MatchLabels.SequenceEqual(selector), deployment.Name());
            var hpa = chart.OfType<V2HorizontalPodAutoscaler>().Should().ContainSingle(h => h.Spec.ScaleTargetRef.Kind == "Deployment" && h.Spec.ScaleTargetRef.Name == deployment.Name(), deployment.Name()).Subject;
            hpa.Spec.MinReplicas.Should().BeGreaterThanOrEqualTo(1);
            hpa.Spec.MaxReplicas.Should().BeGreaterThanOrEqualTo(hpa.Spec.MinReplicas!.Value);
            deployment.Spec.Replicas.Should().BeNull($"the HPA owns {deployment.Name()}'s replica count");

            chart.OfType<V1ServiceAccount>().Select(s => s.Name()).Should().Contain(deployment.Spec.Template.Spec.ServiceAccountName);
            chart.OfType<V1Service>().Should().ContainSingle(s => s.Spec.Selector.SequenceEqual(selector), deployment.Name());
            chart.OfType<V1NetworkPolicy>().Should().ContainSingle(n => n.Spec.PodSelector.MatchLabels.SequenceEqual(selector), deployment.Name());
        }
    }

    [Fact]
    public void On_eks_every_service_account_assumes_its_own_iam_role()
    {
        var accounts = charts.Eks.OfType<V1ServiceAccount>().ToList();
        accounts.Should().NotBeEmpty();
        foreach (var account in accounts)
            account.Annotations().Should().ContainKey("eks.amazonaws.com/role-arn").WhoseValue.Should().MatchRegex(@"^arn:aws:iam::\d{12}:role/space-of-sport-[a-z-]+$", account.Name());
        accounts.Select(a => a.Annotations()["eks.amazonaws.com/role-arn"]).Should().OnlyHaveUniqueItems();
    }

    // Issue 9: daprd refuses API calls without DAPR_API_TOKEN and the app refuses calls without APP_API_TOKEN; the
    // injector hands both to daprd only (https://docs.dapr.io/operations/security/api-token/), so the app container
    // needs them from the same Secrets, and one app's Secrets must open nothing of another's.
    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_app_and_its_sidecar_share_tokens_of_their_own(string valuesFile)
    {
        var deployments = ServiceDeployments(Chart(valuesFile)).ToList();
        foreach (var deployment in deployments)
        {
            var annotations = deployment.Spec.Template.Metadata.Annotations;
            var appId = annotations["dapr.io/app-id"];
            var env = deployment.Spec.Template.Spec.Containers.Single().Env;
            env.Should().ContainSingle(e => e.Name == "DAPR_API_TOKEN").Which.ValueFrom.SecretKeyRef
                .Should().Match<V1SecretKeySelector>(r => r.Name == annotations["dapr.io/api-token-secret"] && r.Key == "token", $"{appId} calls its sidecar with the token daprd demands");
            env.Should().ContainSingle(e => e.Name == "APP_API_TOKEN").Which.ValueFrom.SecretKeyRef
                .Should().Match<V1SecretKeySelector>(r => r.Name == annotations["dapr.io/app-token-secret"] && r.Key == "token", $"{appId} checks the token daprd sends");
            annotations["dapr.io/api-token-secret"].Should().Contain(appId);
            annotations["dapr.io/app-token-secret"].Should().Contain(appId);
        }

        var secrets = deployments.SelectMany(d => new[] { d.Spec.Template.Metadata.Annotations["dapr.io/api-token-secret"], d.Spec.Template.Metadata.Annotations["dapr.io/app-token-secret"] });
        secrets.Should().OnlyHaveUniqueItems("no two apps, and no app and its sidecar's other direction, share a token");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void No_container_gets_a_secret_as_a_literal_environment_value(string valuesFile)
    {
        string[] secretish = ["password", "secret", "token", "apikey", "connectionstring", "privatekey"];
        foreach (var deployment in Chart(valuesFile).Deployments)
        {
            foreach (var variable in deployment.Spec.Template.Spec.Containers.SelectMany(c => c.Env ?? []))
            {
                if (!secretish.Any(word => variable.Name.Replace("_", "", StringComparison.Ordinal).Contains(word, StringComparison.OrdinalIgnoreCase))) continue;
                variable.Value.Should().BeNull($"{deployment.Name()}: {variable.Name} must come from a Secret (secretEnv), not a values file");
                variable.ValueFrom.SecretKeyRef.Should().NotBeNull($"{deployment.Name()}: {variable.Name}");
            }
        }
    }

    /// <summary>The shop's Deployments (the dev servers, Redis and the SMTP catcher, are not services).</summary>
    private static IEnumerable<V1Deployment> ServiceDeployments(RenderedChart chart)
    {
        var deployments = chart.Deployments.Where(d => d.Spec.Template.Metadata.Annotations?.ContainsKey("dapr.io/app-id") == true).ToList();
        deployments.Should().NotBeEmpty();
        return deployments;
    }
}
