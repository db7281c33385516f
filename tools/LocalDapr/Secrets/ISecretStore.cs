namespace LocalDapr.Secrets;

/// <summary>A Dapr secret store (https://docs.dapr.io/reference/api/secrets_api/).</summary>
public interface ISecretStore
{
    /// <summary>The secret's values by name, or null when there is no such secret.</summary>
    Task<IReadOnlyDictionary<string, string>?> GetAsync(string key, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> GetAllAsync(CancellationToken cancellationToken);
}
