using System.Security.Cryptography;

namespace StripeSandbox;

/// <summary>Object ids in Stripe's form: a type prefix and 24 random letters and digits (<c>pi_3Q...</c>).</summary>
public static class StripeIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix, int length = 24) => $"{prefix}_{RandomNumberGenerator.GetString(Alphabet, length)}";
}
