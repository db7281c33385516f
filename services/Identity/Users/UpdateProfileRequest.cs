namespace SpaceOfSport.Identity.Users;

/// <summary>Replaces the profile's editable fields (null clears name and phone; null preferences and locale keep theirs).</summary>
public sealed record UpdateProfileRequest(string? Name, string? Phone, CommunicationPreferences? Communication, SizePreferences? Sizes, string? Locale = null);
