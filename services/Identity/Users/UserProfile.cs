namespace SpaceOfSport.Identity.Users;

public sealed record UserProfile(
    Guid Id,
    string Email,
    string? Name,
    string? Phone,
    string? Locale,
    CommunicationPreferences Communication,
    SizePreferences Sizes,
    IReadOnlyList<AddressResponse> Addresses,
    IReadOnlyList<string> Roles)
{
    public static UserProfile From(User user) => new(
        user.Id, user.Email, user.Name, user.Phone, user.Locale, user.Communication, user.Sizes,
        [.. user.Addresses.OrderBy(a => a.Id).Select(AddressResponse.From)],
        [.. user.Roles.Select(r => r.RoleName).Order(StringComparer.Ordinal)]);
}
