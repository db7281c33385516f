namespace SpaceOfSport.Identity.Users;

/// <summary>What notifications needs to reach a user: where, in which language, and on which channels they accept messages.</summary>
public sealed record UserContact(Guid UserId, string Email, string? Name, string? Phone, string? Locale, CommunicationPreferences Communication)
{
    public static UserContact From(User user) => new(user.Id, user.Email, user.Name, user.Phone, user.Locale, user.Communication);
}
