using System.Security.Cryptography;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using SpaceOfSport.BuildingBlocks;

namespace SpaceOfSport.Audit.Checkpoints;

/// <summary>
/// The ES256 keys checkpoints are signed with, from the Dapr secret store only (never the ledger's own database, which
/// is what they protect): secret <see cref="SecretName"/>, a JSON document
/// <c>{"keys":[{"kid":"...","privateKey":"-----BEGIN PRIVATE KEY-----..."}]}</c> (PKCS#8 PEM, P-256). The last key
/// signs; every key listed verifies, so a rotated-out key keeps vouching for the checkpoints it signed. Read at first use
/// and kept; a failed read is tried again at the next use.
/// </summary>
public sealed class CheckpointKeys(DaprClient dapr)
{
    public const string SecretName = "audit-checkpoint-keys";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<(string KeyId, ECDsa Key)>? _keys;

    /// <summary>The key that signs new checkpoints.</summary>
    public async Task<(string KeyId, ECDsa Key)> SigningKeyAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken))[^1];

    /// <summary>The key with id <paramref name="keyId"/>, or null when the secret does not list it.</summary>
    public async Task<ECDsa?> FindAsync(string keyId, CancellationToken cancellationToken) =>
        (await LoadAsync(cancellationToken)).FirstOrDefault(k => k.KeyId == keyId).Key;

    /// <summary>The public half of every key, PEM (SubjectPublicKeyInfo), for auditors who verify checkpoints themselves.</summary>
    public async Task<IReadOnlyList<(string KeyId, string PublicKeyPem)>> PublicKeysAsync(CancellationToken cancellationToken) =>
        [.. (await LoadAsync(cancellationToken)).Select(k => (k.KeyId, k.Key.ExportSubjectPublicKeyInfoPem()))];

    private async Task<IReadOnlyList<(string KeyId, ECDsa Key)>> LoadAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } loaded) return loaded;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _keys ??= await ReadSecretAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<(string KeyId, ECDsa Key)>> ReadSecretAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, string> secret;
        try
        {
            secret = await dapr.GetSecretAsync(DaprComponents.SecretStore, SecretName, cancellationToken: cancellationToken);
        }
        catch (DaprException exception)
        {
            throw new CheckpointKeyUnavailableException($"The secret store did not give {SecretName}: {exception.Message}", exception);
        }
        if (secret.Values.FirstOrDefault() is not { Length: > 0 } json) throw new CheckpointKeyUnavailableException($"Secret {SecretName} is empty");
        var document = JsonSerializer.Deserialize<KeysSecret>(json, JsonSerializerOptions.Web);
        if (document?.Keys is not { Count: > 0 } keys) throw new CheckpointKeyUnavailableException($"Secret {SecretName} lists no key");
        return [.. keys.Select(k =>
        {
            var key = ECDsa.Create();
            key.ImportFromPem(k.PrivateKey);
            if (key.KeySize != 256) throw new CheckpointKeyUnavailableException($"Checkpoint key {k.Kid} is not P-256 (ES256)");
            return (k.Kid, key);
        })];
    }

    private sealed record KeysSecret(List<KeyEntry>? Keys);

    private sealed record KeyEntry(string Kid, string PrivateKey);
}

/// <summary>The secret store gave no usable checkpoint key: signing and checking checkpoints must wait.</summary>
public sealed class CheckpointKeyUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
