namespace SpaceOfSport.Notifications.Customers;

/// <summary>The channels a customer accepts messages on, as identity keeps them.</summary>
public sealed record ChannelPreferences(bool Email, bool Sms, bool Push);

/// <summary>How to reach a customer (identity's <c>GET /api/users/{id}/contact</c>).</summary>
public sealed record CustomerContact(Guid UserId, string? Email, string? Name, string? Phone, string? Locale, ChannelPreferences Communication);
