using System.Text;

namespace SpaceOfSport.Identity.Users;

/// <summary>
/// NIST SP 800-63B §5.1.1.2: Unicode passwords are normalized (NFKC) before they are checked and hashed, so the same
/// password typed on two keyboards (full-width or ligature forms, composed or decomposed accents) is the same password.
/// </summary>
public static class PasswordNormalization
{
    /// <summary>
    /// Stops the start when the runtime cannot normalize (globalization invariant mode: <c>Normalize</c> then returns
    /// non-ASCII text unchanged), since hashes made meanwhile would be of unnormalized passwords.
    /// </summary>
    public static void EnsureSupported()
    {
        if ("\ufb01".Normalize(NormalizationForm.FormKC) != "fi")
            throw new InvalidOperationException("Unicode normalization is unavailable (InvariantGlobalization): identity needs ICU to normalize passwords (NFKC)");
    }

    /// <summary>The NFKC form; a string that is not well-formed UTF-16 (a lone surrogate) cannot be normalized and stays as it is.</summary>
    public static string Normalize(string password) => IsWellFormed(password) ? password.Normalize(NormalizationForm.FormKC) : password;

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (!char.IsHighSurrogate(text[i]) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
            i++;
        }
        return true;
    }
}
