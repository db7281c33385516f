using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SpaceOfSport.Deployment.Tests.Infrastructure;

/// <summary>A Dapr <c>Component</c> (https://docs.dapr.io/reference/resource-specs/component-schema/) as a typed object.</summary>
public sealed class DaprComponent : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiGroupVersion = "dapr.io/v1alpha1";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiGroupVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Component";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ComponentSpec Spec { get; set; } = new();

    [JsonPropertyName("auth")]
    public ComponentAuth? Auth { get; set; }

    [JsonPropertyName("scopes")]
    public List<string>? Scopes { get; set; }

    public string? MetadataValue(string name) => Spec.Metadata?.FirstOrDefault(m => m.Name == name)?.Value;

    public sealed class ComponentSpec
    {
        [JsonPropertyName("type")]
        public string Type { get; set; } = "";

        [JsonPropertyName("version")]
        public string Version { get; set; } = "";

        [JsonPropertyName("metadata")]
        public List<MetadataItem>? Metadata { get; set; }
    }

    public sealed class MetadataItem
    {
        [JsonPropertyName("name")]
        public string Name { get; set; } = "";

        [JsonPropertyName("value")]
        public string? Value { get; set; }

        [JsonPropertyName("secretKeyRef")]
        public SecretKeyRef? SecretKeyRef { get; set; }
    }

    public sealed class SecretKeyRef
    {
        [JsonPropertyName("name")]
        public string Name { get; set; } = "";

        [JsonPropertyName("key")]
        public string Key { get; set; } = "";
    }

    public sealed class ComponentAuth
    {
        [JsonPropertyName("secretStore")]
        public string SecretStore { get; set; } = "";
    }
}

/// <summary>A Dapr resource whose spec the tests only compare (Configuration, Resiliency, Subscription).</summary>
public sealed class DaprResource : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = DaprComponent.ApiGroupVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("scopes")]
    public List<string>? Scopes { get; set; }
}
