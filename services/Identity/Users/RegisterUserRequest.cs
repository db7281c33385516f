namespace SpaceOfSport.Identity.Users;

public sealed record RegisterUserRequest(string? Email, string? Password, string? Name, string? Phone);
