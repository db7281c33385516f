using System.Net;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Notifications.Customers;

/// <summary>
/// Reads a customer's contact and channel preferences from identity by service invocation (an HttpClient whose requests
/// go to <c>identity</c> through the sidecar), at the moment a message goes out: a channel turned off a second ago is
/// off. Nothing is cached, so nothing outlives an account deletion.
/// </summary>
public sealed class CustomerDirectory(HttpClient identity)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = JsonConventions.Create();

    /// <summary>The customer's contact, or null when identity knows no such user (deleted, or never existed).</summary>
    public async Task<CustomerContact?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await identity.GetAsync($"api/users/{userId:D}/contact", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<CustomerContact>(Json, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DependencyUnavailableException("identity", exception);
        }
    }
}
