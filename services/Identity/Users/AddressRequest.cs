namespace SpaceOfSport.Identity.Users;

public sealed record AddressRequest(
    string? Recipient,
    string? Line1,
    string? Line2,
    string? City,
    string? PostalCode,
    string? Region,
    string? Country,
    bool IsDefaultShipping,
    bool IsDefaultBilling);
