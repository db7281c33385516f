namespace SpaceOfSport.Identity.Users;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
