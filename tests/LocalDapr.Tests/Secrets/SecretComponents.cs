namespace LocalDapr.Tests.Secrets;

/// <summary>Component YAML for the secret store tests.</summary>
internal static class SecretComponents
{
    public static string LocalFile(string name, string secretsFile, string? nestedSeparator = null, bool multiValued = false) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: secretstores.local.file
          version: v1
          metadata:
          - name: secretsFile
            value: '{secretsFile}'
          - name: multiValued
            value: '{(multiValued ? "true" : "false")}'
        {(nestedSeparator is null ? "" : $"  - name: nestedSeparator\n    value: '{nestedSeparator}'\n")}
        """;

    public static string Environment(string name, string prefix) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: secretstores.local.env
          version: v1
          metadata:
          - name: prefix
            value: '{prefix}'
        """;

    /// <summary>A localstorage binding whose rootPath comes from <paramref name="secretStore"/>.</summary>
    public static string LocalStorageWithSecretRoot(string name, string secretStore, string secretName, string secretKey) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: bindings.localstorage
          version: v1
          metadata:
          - name: rootPath
            secretKeyRef:
              name: {secretName}
              key: {secretKey}
        auth:
          secretStore: {secretStore}
        """;
}
