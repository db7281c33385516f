using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using SpaceOfSport.BuildingBlocks;

namespace SpaceOfSport.Audit.Soap;

/// <summary>
/// The auditors who may sign SOAP calls with a WS-Security UsernameToken, from the Dapr secret store only: secret
/// <see cref="SecretName"/>, <c>{"auditors":[{"username":"...","password":"..."}]}</c>. Read at first use and kept; a
/// failed read is tried again at the next call. No secret: no UsernameToken is accepted (bearer tokens still are).
/// </summary>
public sealed class SoapAuditors(DaprClient dapr)
{
    public const string SecretName = "audit-soap-auditors";

    private IReadOnlyDictionary<string, string>? _passwords;

    /// <summary>The password of <paramref name="username"/>, or null when the secret names no such auditor (or cannot be read).</summary>
    public async Task<string?> PasswordOfAsync(string username, CancellationToken cancellationToken)
    {
        var passwords = _passwords ??= await ReadAsync(cancellationToken);
        return passwords?.GetValueOrDefault(username);
    }

    /// <summary>Compares in constant time, so an attacker learns nothing from how long a refusal takes.</summary>
    public static bool Same(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private async Task<IReadOnlyDictionary<string, string>?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var secret = await dapr.GetSecretAsync(DaprComponents.SecretStore, SecretName, cancellationToken: cancellationToken);
            if (secret.Values.FirstOrDefault() is not { Length: > 0 } json) return null;
            var document = JsonSerializer.Deserialize<AuditorsSecret>(json, JsonSerializerOptions.Web);
            return document?.Auditors?.Where(a => a.Username is { Length: > 0 } && a.Password is { Length: > 0 })
                .ToDictionary(a => a.Username!, a => a.Password!, StringComparer.Ordinal);
        }
        catch (DaprException)
        {
            return null;
        }
    }

    private sealed record AuditorsSecret(List<Auditor>? Auditors);

    private sealed record Auditor(string? Username, string? Password);
}
