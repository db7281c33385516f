namespace SpaceOfSport.Identity.Users;

public sealed record AddressResponse(
    Guid Id,
    string Recipient,
    string Line1,
    string? Line2,
    string City,
    string PostalCode,
    string? Region,
    string Country,
    bool IsDefaultShipping,
    bool IsDefaultBilling)
{
    public static AddressResponse From(Address a) =>
        new(a.Id, a.Recipient, a.Line1, a.Line2, a.City, a.PostalCode, a.Region, a.Country, a.IsDefaultShipping, a.IsDefaultBilling);
}
