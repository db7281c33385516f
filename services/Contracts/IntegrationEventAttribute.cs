using System.Text.RegularExpressions;

namespace SpaceOfSport.Contracts;

/// <summary>
/// Names an integration event: <c>[IntegrationEvent("ordering", "order-placed")]</c>.
/// <para>
/// CloudEvent type: <c>spaceofsport.&lt;domain&gt;.&lt;event&gt;.v&lt;version&gt;</c>, the architecture's convention.
/// </para>
/// <para>
/// Topics: one topic per event, <c>&lt;domain&gt;-&lt;event&gt;-v&lt;version&gt;</c>. Only lowercase letters, digits and
/// hyphens, because every broker behind the <c>pubsub</c> component accepts them unchanged (SNS topic names allow no
/// dots). A breaking change is a new version, so a new topic; both run side by side until consumers move.
/// </para>
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed partial class IntegrationEventAttribute : Attribute
{
    public const string TypePrefix = "spaceofsport";

    public IntegrationEventAttribute(string domain, string name, int version = 1)
    {
        if (!KebabCase().IsMatch(domain)) throw new ArgumentException($"domain '{domain}' must be lowercase kebab-case", nameof(domain));
        if (!KebabCase().IsMatch(name)) throw new ArgumentException($"event name '{name}' must be lowercase kebab-case", nameof(name));
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Domain = domain;
        Name = name;
        Version = version;
    }

    /// <summary>The owning service's domain, e.g. <c>ordering</c>.</summary>
    public string Domain { get; }

    /// <summary>What happened, in the past tense, e.g. <c>order-placed</c>.</summary>
    public string Name { get; }

    public int Version { get; }

    public string CloudEventType => $"{TypePrefix}.{Domain}.{Name}.v{Version}";

    public string Topic => $"{Domain}-{Name}-v{Version}";

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
