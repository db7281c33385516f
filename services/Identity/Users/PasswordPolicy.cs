using System.Collections.Frozen;

namespace SpaceOfSport.Identity.Users;

/// <summary>
/// NIST SP 800-63B memorized-secret rules on the NFKC form of the password: a minimum length, not only whitespace, and a
/// check against common passwords; no composition rules.
/// </summary>
public sealed class PasswordPolicy
{
    public const int MinimumLength = 12;

    /// <summary>Long passphrases are welcome; the cap only bounds the hashing work one request can cause.</summary>
    public const int MaximumLength = 256;

    private readonly FrozenSet<string> _common;

    public PasswordPolicy()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#')) words.Add(line);
        }
        _common = words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    public int CommonPasswordCount => _common.Count;

    /// <summary>The rule the password breaks (<see cref="PasswordRuleViolation.Rule"/>), or null when it is acceptable.</summary>
    public PasswordRuleViolation? Check(string? password, string? email = null)
    {
        // Rules apply to the password as it is hashed: its NFKC form.
        password = password is null ? null : PasswordNormalization.Normalize(password);
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
            return new("min-length", $"The password must be at least {MinimumLength} characters long.");
        if (password.Length > MaximumLength)
            return new("max-length", $"The password must be at most {MaximumLength} characters long.");
        // Spaces are welcome inside a passphrase, but a password of nothing else is guessed first.
        if (password.All(char.IsWhiteSpace))
            return new("only-whitespace", "The password must contain more than spaces.");
        if (_common.Contains(password))
            return new("common-password", "The password is on the list of commonly used passwords; choose another.");
        if (email is { Length: > 0 } && string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
            return new("same-as-email", "The password must not be the email address.");
        return null;
    }
}
