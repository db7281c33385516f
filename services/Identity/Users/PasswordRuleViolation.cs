namespace SpaceOfSport.Identity.Users;

/// <summary>A broken password rule: its name (in the problem's <c>rule</c> extension) and a message for the user.</summary>
public sealed record PasswordRuleViolation(string Rule, string Message);
