namespace SpaceOfSport.Identity.Users;

/// <summary>Sizes for personalisation, as the user states them (e.g. shoe "EU 42", apparel "M").</summary>
public sealed class SizePreferences
{
    public string? Shoe { get; set; }

    public string? Apparel { get; set; }
}
