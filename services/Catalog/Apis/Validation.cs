using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>Collects field errors for a 400 validation problem naming each field.</summary>
public sealed partial class Validation
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public bool IsValid => Errors.Count == 0;

    public Validation Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required");
        else if (value.Length > maxLength) Add(field, $"must be at most {maxLength} characters");
        return this;
    }

    public Validation Slug(string field, string? value)
    {
        Required(field, value, 100);
        if (!string.IsNullOrWhiteSpace(value) && !SlugPattern().IsMatch(value)) Add(field, "must be lowercase letters, digits and single hyphens");
        return this;
    }

    public Validation Check(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
        return this;
    }

    public void Add(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public ValidationProblem Problem() => TypedResults.ValidationProblem(Errors);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
