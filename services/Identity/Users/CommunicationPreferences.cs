namespace SpaceOfSport.Identity.Users;

/// <summary>Which channels the user accepts news on (transactional messages such as order confirmations always go out).</summary>
public sealed class CommunicationPreferences
{
    public bool Email { get; set; }

    public bool Sms { get; set; }

    public bool Push { get; set; }
}
