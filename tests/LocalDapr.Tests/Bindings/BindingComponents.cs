namespace LocalDapr.Tests.Bindings;

/// <summary>Component YAML for the binding tests.</summary>
internal static class BindingComponents
{
    public static string LocalStorage(string name, string rootPath) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: bindings.localstorage
          version: v1
          metadata:
          - name: rootPath
            value: '{rootPath}'
        """;

    public static string Http(string name, string url, params (string Key, string Value)[] extra) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: bindings.http
          version: v1
          metadata:
          - name: url
            value: '{url}'
        {Metadata(extra)}
        """;

    public static string Smtp(string name, int port, params (string Key, string Value)[] extra) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: bindings.smtp
          version: v1
          metadata:
          - name: host
            value: 127.0.0.1
          - name: port
            value: '{port}'
        {Metadata(extra)}
        """;

    public static string Cron(string name, string schedule, params (string Key, string Value)[] extra) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: bindings.cron
          version: v1
          metadata:
          - name: schedule
            value: '{schedule}'
        {Metadata(extra)}
        """;

    private static string Metadata((string Key, string Value)[] entries) =>
        string.Concat(entries.Select(e => $"  - name: {e.Key}\n    value: '{e.Value}'\n"));
}
